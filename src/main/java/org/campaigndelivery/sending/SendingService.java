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
import org.campaigndelivery.kpi.KpiService;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Relays a delivery's queued messages to the MTA, lane by lane and batch by batch. */
@Service
public class SendingService {

	private final SendingLogRepository logs;

	private final DeliveryService deliveries;

	private final KpiService kpis;

	private final JavaMailSenderImpl mailSender;

	private final SendingProperties properties;

	private final ObjectMapper objectMapper;

	private final RateLimiter rateLimiter;

	private final TransactionTemplate ownTransaction;

	SendingService(SendingLogRepository logs, DeliveryService deliveries, KpiService kpis,
			JavaMailSenderImpl mailSender, SendingProperties properties, ObjectMapper objectMapper,
			PlatformTransactionManager transactionManager) {
		this.logs = logs;
		this.deliveries = deliveries;
		this.kpis = kpis;
		this.mailSender = mailSender;
		this.properties = properties;
		this.objectMapper = objectMapper;
		this.rateLimiter = new RateLimiter(properties.rateLimit());
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Starts sending: the delivery's validity period starts now.
	 * @return how many lanes relay it
	 */
	public int startSending(String deliveryId) {
		this.deliveries.markSending(deliveryId);
		return this.properties.lanes();
	}

	/**
	 * Relays the lane's next batch over one SMTP connection and records what the MTA
	 * accepted in a transaction of its own, so that a later failure of the caller does
	 * not send it again.
	 * @return true when the lane has nothing left to relay
	 * @throws MtaUnavailableException when the MTA did not take the whole batch
	 */
	public boolean sendBatch(String deliveryId, int lane, int lanes) {
		List<QueuedMessage> batch = this.logs.nextBatch(deliveryId, lane, lanes, this.properties.batchSize());
		if (batch.isEmpty()) {
			return true;
		}
		Delivery delivery = this.deliveries.get(deliveryId);
		MessageComposer composer = new MessageComposer(delivery, this.objectMapper);
		Map<MimeMessage, SendingLogRepository.RelayedMessage> messages = new LinkedHashMap<>();
		for (QueuedMessage queued : batch) {
			String messageId = composer.newMessageId(queued.logId());
			try {
				messages.put(composer.compose(this.mailSender.getSession(), queued, messageId),
						new SendingLogRepository.RelayedMessage(queued.logId(), messageId));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException("Message for log " + queued.logId() + " cannot be composed", ex);
			}
		}
		acquirePermits(messages.size());
		MailException failure = null;
		Map<Object, Exception> failed = Map.of();
		try {
			this.mailSender.send(messages.keySet().toArray(MimeMessage[]::new));
		}
		catch (MailSendException ex) {
			failure = ex;
			failed = ex.getFailedMessages();
		}
		catch (MailException ex) {
			failure = ex;
			failed = null;
		}
		List<SendingLogRepository.RelayedMessage> accepted = new ArrayList<>();
		if (failed != null) {
			for (Map.Entry<MimeMessage, SendingLogRepository.RelayedMessage> entry : messages.entrySet()) {
				if (!failed.containsKey(entry.getKey())) {
					accepted.add(entry.getValue());
				}
			}
		}
		recordRelayed(delivery, accepted);
		if (failure != null) {
			throw new MtaUnavailableException("The MTA took " + accepted.size() + " of " + messages.size()
					+ " messages of delivery " + deliveryId + "; the rest stays queued", failure);
		}
		return false;
	}

	/** The relay is done: every lane is drained. */
	public void completeRelay(String deliveryId) {
		this.deliveries.markSent(deliveryId);
	}

	private void recordRelayed(Delivery delivery, List<SendingLogRepository.RelayedMessage> accepted) {
		if (accepted.isEmpty()) {
			return;
		}
		LogStatus status = delivery.emailFeedbackService() ? LogStatus.PENDING : LogStatus.SENT;
		this.ownTransaction.executeWithoutResult(tx -> {
			int moved = this.logs.markRelayed(accepted, status, OffsetDateTime.now(ZoneOffset.UTC));
			this.kpis.recordRelayed(delivery.id(), moved, status == LogStatus.SENT ? moved : 0);
		});
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
