package org.campaigndelivery.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;

import org.campaigndelivery.bounce.VerpAddresses;
import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.feedback.FeedbackService;
import org.campaigndelivery.feedback.RelayOutcome;
import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.sendinglog.QueuedMessage;
import org.campaigndelivery.sendinglog.SendingLogs;
import org.campaigndelivery.tracking.MessageTracking;
import org.campaigndelivery.sendinglog.Slots;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;

/** Relays a delivery's queued messages to the MTA, lane by lane and batch by batch. */
@Service
public class SendingService {

	private final SendingLogs logs;

	private final DeliveryService deliveries;

	private final FeedbackService feedback;

	private final JavaMailSenderImpl mailSender;

	private final SmtpConnections connections;

	private final SendingProperties properties;

	private final ObjectMapper objectMapper;

	private final RateLimiter rateLimiter;

	private final MessageTracking tracking;

	private final VerpAddresses verp;

	private final DkimSigner signer;

	private final Counter relayed;

	private final Counter refused;

	private final Counter unavailable;

	private final Timer batchTime;

	private final Clock clock;

	SendingService(SendingLogs logs, DeliveryService deliveries, FeedbackService feedback,
			JavaMailSenderImpl mailSender, SmtpConnections connections, SendingProperties properties,
			ObjectMapper objectMapper, MessageTracking tracking, VerpAddresses verp, DkimSigner signer,
			MeterRegistry registry, Clock clock) {
		this.clock = clock;
		this.relayed = Counter.builder("delivery.messages.relayed")
			.description("Messages the MTA accepted")
			.register(registry);
		this.refused = Counter.builder("delivery.messages.refused")
			.description("Messages or recipients the MTA refused during the relay")
			.register(registry);
		this.unavailable = Counter.builder("delivery.mta.unavailable")
			.description("Batches cut short because the MTA stopped answering")
			.register(registry);
		this.batchTime = Timer.builder("delivery.lane.batch")
			.description("Time a lane takes to compose, relay and record one batch")
			.register(registry);
		this.logs = logs;
		this.deliveries = deliveries;
		this.feedback = feedback;
		this.mailSender = mailSender;
		this.connections = connections;
		this.properties = properties;
		this.objectMapper = objectMapper;
		this.tracking = tracking;
		this.verp = verp;
		this.signer = signer;
		this.rateLimiter = new RateLimiter(properties.rateLimit());
	}

	/** How a delivery that became SENDING is relayed. */
	public SendingStart startSending(String deliveryId) {
		return new SendingStart(this.properties.lanes(), this.deliveries.get(deliveryId).validUntil());
	}

	/**
	 * How long one job of a lane goes on relaying batch after batch (zero: one batch).
	 */
	public Duration laneJobTime() {
		return this.properties.laneJobTime();
	}

	/**
	 * Relays the lane's next batch (first attempts and retries alike) over one pooled
	 * SMTP connection and records what the MTA took or refused before returning, so that
	 * a later failure of the caller sends nothing twice.
	 * @param lane the lane, from 0 to lanes - 1
	 * @param lanes how many lanes relay the delivery
	 * @return true when the lane has nothing left to relay
	 * @throws MtaUnavailableException when the MTA stopped answering; what it did not
	 * answer for stays queued
	 */
	public boolean sendBatch(String deliveryId, int lane, int lanes) {
		List<QueuedMessage> batch = this.logs.nextBatch(deliveryId, Slots.ofLane(lane, lanes),
				this.properties.batchSize());
		if (batch.isEmpty()) {
			return true;
		}
		Timer.Sample sample = Timer.start();
		Delivery delivery = this.deliveries.get(deliveryId);
		MessageComposer composer = new MessageComposer(delivery, this.objectMapper, this.tracking,
				this.verp::envelopeSender, this.signer);
		List<MimeMessage> messages = new ArrayList<>(batch.size());
		List<String> messageIds = new ArrayList<>(batch.size());
		for (QueuedMessage queued : batch) {
			messageIds.add(composer.messageId(queued));
			try {
				messages.add(composer.compose(this.mailSender.getSession(), queued,
						messageIds.get(messageIds.size() - 1), this.clock.instant()));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException("Message for log " + queued.logId() + " cannot be composed", ex);
			}
		}
		acquirePermits(messages.size());
		List<RelayOutcome> outcomes = new ArrayList<>(batch.size());
		MessagingException unavailable = relay(messages, batch, messageIds, outcomes);
		this.feedback.recordRelay(outcomes);
		long refusedNow = outcomes.stream().filter((o) -> o.refusal() != null).count();
		this.refused.increment(refusedNow);
		this.relayed.increment(outcomes.size() - refusedNow);
		sample.stop(this.batchTime);
		if (unavailable != null) {
			this.unavailable.increment();
			throw new MtaUnavailableException("The MTA answered for " + outcomes.size() + " of " + messages.size()
					+ " messages of delivery " + deliveryId + "; the rest stays queued", unavailable);
		}
		return false;
	}

	/**
	 * Relays the messages over one pooled connection, one SMTP transaction each. A
	 * refused recipient or message is an answer; a broken connection ends the batch. Each
	 * message's attempt is stamped when its transaction begins, so that an MTA reporting
	 * the message a moment after accepting it never reports something older than the
	 * attempt.
	 * @return what broke the connection, or null when the MTA answered for every message
	 */
	private MessagingException relay(List<MimeMessage> messages, List<QueuedMessage> queued, List<String> messageIds,
			List<RelayOutcome> outcomes) {
		Transport transport;
		try {
			transport = this.connections.borrow();
		}
		catch (MessagingException ex) {
			return ex;
		}
		boolean dsn = SmtpConnections.takesDsnRequests(transport);
		for (int i = 0; i < messages.size(); i++) {
			MimeMessage message = messages.get(i);
			long logId = queued.get(i).logId();
			String messageId = messageIds.get(i);
			OffsetDateTime at = OffsetDateTime.now(this.clock);
			try {
				// NOTIFY and RET go out only where the MTA advertised DSN; ENVID would
				// go out regardless, and an MTA without DSN refuses MAIL FROM with it.
				((SMTPMessage) message).setMailExtension(
						dsn ? MessageIds.envelopeId(messageId).map((id) -> "ENVID=" + id).orElse(null) : null);
				message.saveChanges();
				transport.sendMessage(message, message.getAllRecipients());
				outcomes.add(RelayOutcome.taken(logId, messageId, at));
			}
			catch (MessagingException ex) {
				String refusal = SmtpRefusals.reply(ex);
				if (refusal == null || !transport.isConnected()) {
					this.connections.release(transport, false);
					return ex;
				}
				outcomes.add(RelayOutcome.refused(logId, messageId, refusal, at));
			}
		}
		this.connections.release(transport, true);
		return null;
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

	/**
	 * @param lanes how many lanes relay the delivery, its retries included
	 * @param validUntil the end of its validity period
	 */
	public record SendingStart(int lanes, OffsetDateTime validUntil) {
	}

}
