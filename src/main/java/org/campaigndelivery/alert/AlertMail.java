package org.campaigndelivery.alert;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.campaigndelivery.tracking.MessageTracking;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Mails alerts to delivery.alerts.recipients through the MTA the deliveries go through
 * (spring.mail.*), from the delivery's own sender address, which that MTA relays for. One
 * thread of its own sends them: the lane or job that raised an alert never waits for the
 * MTA, and an MTA that fails costs a line in the log, never the caller's work.
 */
@Component
class AlertMail implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AlertMail.class);

	private final JavaMailSender mailSender;

	private final MessageTracking links;

	private final AlertProperties properties;

	private final ExecutorService sender = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "alert-mail");
		thread.setDaemon(true);
		return thread;
	});

	AlertMail(JavaMailSender mailSender, MessageTracking links, AlertProperties properties) {
		this.mailSender = mailSender;
		this.links = links;
		this.properties = properties;
	}

	/** delivery.alerts.recipients. */
	List<String> recipients() {
		return this.properties.recipients();
	}

	void send(AlertRepository.AlertedDelivery delivery, AlertKind kind, String message) {
		List<String> recipients = recipients();
		if (recipients.isEmpty() || delivery.sender() == null) {
			return;
		}
		this.sender.execute(() -> {
			try {
				MimeMessage mail = this.mailSender.createMimeMessage();
				MimeMessageHelper helper = new MimeMessageHelper(mail, "UTF-8");
				helper.setFrom(delivery.sender());
				helper.setTo(recipients.toArray(String[]::new));
				helper.setSubject("Alert " + kind + ": delivery \"" + delivery.name() + "\" (" + delivery.id() + ")");
				String page = this.links.publicUrl("/deliveries/" + delivery.id());
				// without a public base URL (delivery.tracking.base-url) a link would
				// lead nowhere
				helper.setText(page.startsWith("http") ? message + "\n\nDeployment page: " + page + "\n" : message);
				this.mailSender.send(mail);
			}
			catch (Exception ex) {
				log.warn("Alert {} of delivery {} could not be mailed to {}: {}", kind, delivery.id(), recipients,
						ex.toString());
			}
		});
	}

	@Override
	public void destroy() {
		this.sender.shutdownNow();
	}

}
