package org.campaigndelivery.alert;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.campaigndelivery.tracking.MessageTracking;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The alert mail's recipients as delivery.alerts.recipients sets them (none), which a
 * test class replaces while the shared application runs: a property of its own would boot
 * a second application, whose engine would take the first one's place.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SwitchableAlertRecipients {

	private static final AtomicReference<List<String>> RECIPIENTS = new AtomicReference<>();

	public static void mailTo(List<String> recipients) {
		RECIPIENTS.set(List.copyOf(recipients));
	}

	/** Back to delivery.alerts.recipients. */
	public static void reset() {
		RECIPIENTS.set(null);
	}

	@Bean
	@Primary
	AlertMail switchableAlertMail(JavaMailSender mailSender, MessageTracking links, AlertProperties properties) {
		return new AlertMail(mailSender, links, properties) {
			@Override
			List<String> recipients() {
				List<String> recipients = RECIPIENTS.get();
				return (recipients != null) ? recipients : super.recipients();
			}
		};
	}

}
