package org.campaigndelivery.alert;

import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When operators are alerted, and who gets the alerts by mail.
 *
 * @param recipients the addresses each alert is mailed to; none: alerts are listed and
 * counted, not mailed
 * @param failedRate percent of a delivery's messages sent that may have failed when its
 * validity period ends
 * @param stalledAfter how long a sending delivery may relay nothing before it is alerted
 * as stalled
 */
@ConfigurationProperties("delivery.alerts")
record AlertProperties(@DefaultValue List<String> recipients, @DefaultValue("10") double failedRate,
		@DefaultValue("PT30M") Duration stalledAfter) {

	AlertProperties {
		if (failedRate < 0 || failedRate > 100) {
			throw new IllegalArgumentException(
					"delivery.alerts.failed-rate is a percentage from 0 to 100, not " + failedRate);
		}
		if (stalledAfter.isNegative() || stalledAfter.isZero()) {
			throw new IllegalArgumentException(
					"delivery.alerts.stalled-after must be a positive duration, not " + stalledAfter);
		}
		recipients = recipients.stream().filter((recipient) -> !recipient.isBlank()).toList();
		for (String recipient : recipients) {
			try {
				new InternetAddress(recipient, true);
			}
			catch (AddressException ex) {
				throw new IllegalArgumentException(
						"delivery.alerts.recipients holds '" + recipient + "', which is not an address", ex);
			}
		}
	}

}
