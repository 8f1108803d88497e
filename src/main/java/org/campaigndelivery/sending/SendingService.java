package org.campaigndelivery.sending;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.feedback.FeedbackService;
import org.campaigndelivery.feedback.RelayOutcome;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;

/** Relays a delivery's queued messages to the MTA, lane by lane and batch by batch. */
@Service
public class SendingService {

	private final SendingLogRepository logs;

	private final DeliveryService deliveries;

	private final FeedbackService feedback;

	private final JavaMailSenderImpl mailSender;

	private final SendingProperties properties;

	private final ObjectMapper objectMapper;

	private final RateLimiter rateLimiter;

	SendingService(SendingLogRepository logs, DeliveryService deliveries, FeedbackService feedback,
			JavaMailSenderImpl mailSender, SendingProperties properties, ObjectMapper objectMapper) {
		this.logs = logs;
		this.deliveries = deliveries;
		this.feedback = feedback;
		this.mailSender = mailSender;
		this.properties = properties;
		this.objectMapper = objectMapper;
		this.rateLimiter = new RateLimiter(properties.rateLimit());
	}

	/** Starts sending: the delivery's validity period starts now. */
	public SendingStart startSending(String deliveryId) {
		this.deliveries.markSending(deliveryId);
		return new SendingStart(this.properties.lanes(), this.deliveries.get(deliveryId).validUntil());
	}

	/**
	 * Relays the lane's next batch (first attempts and retries alike) over one SMTP
	 * connection and records what the MTA took or refused before returning, so that a
	 * later failure of the caller sends nothing twice.
	 * @return true when the lane has nothing left to relay
	 * @throws MtaUnavailableException when the MTA did not answer for the whole batch
	 */
	public boolean sendBatch(String deliveryId, int lane, int lanes) {
		List<QueuedMessage> batch = this.logs.nextBatch(deliveryId, lane, lanes, this.properties.batchSize());
		if (batch.isEmpty()) {
			return true;
		}
		Delivery delivery = this.deliveries.get(deliveryId);
		MessageComposer composer = new MessageComposer(delivery, this.objectMapper);
		Map<MimeMessage, RelayOutcome> messages = new LinkedHashMap<>();
		for (QueuedMessage queued : batch) {
			String messageId = queued.messageId() != null ? queued.messageId() : composer.newMessageId(queued.logId());
			try {
				messages.put(composer.compose(this.mailSender.getSession(), queued, messageId),
						RelayOutcome.taken(queued.logId(), messageId));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException("Message for log " + queued.logId() + " cannot be composed", ex);
			}
		}
		acquirePermits(messages.size());
		Map<Object, Exception> failed = Map.of();
		MailException unavailable = null;
		try {
			this.mailSender.send(messages.keySet().toArray(MimeMessage[]::new));
		}
		catch (MailSendException ex) {
			failed = ex.getFailedMessages();
			unavailable = ex;
		}
		catch (MailException ex) {
			failed = null;
			unavailable = ex;
		}
		List<RelayOutcome> outcomes = new ArrayList<>();
		boolean allAnswered = failed != null;
		for (Map.Entry<MimeMessage, RelayOutcome> entry : messages.entrySet()) {
			Exception failure = failed == null ? null : failed.get(entry.getKey());
			String refusal = failure == null ? null : SmtpRefusals.reply(failure);
			if (failed != null && failure == null) {
				outcomes.add(entry.getValue());
			}
			else if (refusal != null) {
				outcomes.add(RelayOutcome.refused(entry.getValue().logId(), entry.getValue().messageId(), refusal));
			}
			else {
				allAnswered = false;
			}
		}
		this.feedback.recordRelay(outcomes, OffsetDateTime.now(ZoneOffset.UTC));
		if (!allAnswered) {
			throw new MtaUnavailableException("The MTA answered for " + outcomes.size() + " of " + messages.size()
					+ " messages of delivery " + deliveryId + "; the rest stays queued", unavailable);
		}
		return false;
	}

	/** The relay is done: every lane is drained. */
	public void completeRelay(String deliveryId) {
		this.deliveries.markSent(deliveryId);
	}

	/**
	 * @param lanes how many lanes relay the delivery, its retries included
	 * @param validUntil the end of its validity period
	 */
	public record SendingStart(int lanes, OffsetDateTime validUntil) {
	}

	private void acquirePermits(int permits) {
		try {
			this.rateLimiter.acquire(permits);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MtaUnavailableException("Interrupted while waiting for the rate limit", ex);
		}
	}

}
