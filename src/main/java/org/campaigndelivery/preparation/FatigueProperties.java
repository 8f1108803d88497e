package org.campaigndelivery.preparation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fatigue rule (Adobe Campaign's pressure typology rule): an address that was sent
 * {@code maxMessages} messages by other deliveries within {@code period} before a
 * preparation, or is still to be sent them, is excluded from the delivery prepared. Off
 * unless a maximum is set: how much mail is too much is the marketing team's call, not a
 * default of ours.
 *
 * @param maxMessages the messages an address may get within the period; null: no rule
 * @param period how far back from the preparation its messages count
 */
@ConfigurationProperties("delivery.fatigue")
record FatigueProperties(Integer maxMessages, @DefaultValue("P7D") Duration period) {

	FatigueProperties {
		if (maxMessages != null && maxMessages < 1) {
			throw new IllegalArgumentException(
					"delivery.fatigue.max-messages must be at least 1 (leave it unset for no fatigue rule), not "
							+ maxMessages);
		}
		if (period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException("delivery.fatigue.period must be longer than zero, not " + period);
		}
	}

	boolean enabled() {
		return this.maxMessages != null;
	}

}
