package org.campaigndelivery.sending;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;

import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.sendinglog.QueuedMessage;
import org.campaigndelivery.tracking.MessageTracking;

/**
 * Personalises one delivery's message for each recipient. Values are HTML-escaped in the
 * body; in the subject they are plain text with line breaks removed, so no value can add
 * a header. Links lead through tracking (unless the delivery turned it off) and every
 * message names its one-click unsubscribe URL (RFC 8058).
 */
final class MessageComposer {

	private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
	};

	private final Delivery delivery;

	private final Template subject;

	private final Template html;

	private final ObjectMapper objectMapper;

	private final MessageTracking tracking;

	private final LongFunction<Optional<String>> envelopeSender;

	/**
	 * @param envelopeSender the envelope sender of a log's message (a VERP address), or
	 * empty for the From address
	 */
	MessageComposer(Delivery delivery, ObjectMapper objectMapper, MessageTracking tracking,
			LongFunction<Optional<String>> envelopeSender) {
		this.delivery = delivery;
		this.objectMapper = objectMapper;
		this.tracking = tracking;
		this.envelopeSender = envelopeSender;
		this.subject = Mustache.compiler().escapeHTML(false).defaultValue("").compile(delivery.subject());
		this.html = Mustache.compiler().escapeHTML(true).defaultValue("").compile(delivery.html());
	}

	/**
	 * The message's Message-ID: the one of its earlier attempts, which may predate
	 * {@link MessageIds}, or the one that names its log.
	 */
	String messageId(QueuedMessage message) {
		return (message.messageId() != null) ? message.messageId()
				: MessageIds.of(message.logId(), this.delivery.id(), this.delivery.sender());
	}

	/**
	 * @param now when it is composed: its tracking links are signed at that time
	 */
	MimeMessage compose(Session session, QueuedMessage message, String messageId, Instant now)
			throws MessagingException {
		Map<String, Object> context = context(message);
		// Set directly: MimeMessageHelper would read
		// the MIME types file again for every message.
		IdentifiedMessage mime = new IdentifiedMessage(session, messageId);
		mime.setFrom(new InternetAddress(this.delivery.sender()));
		this.envelopeSender.apply(message.logId()).ifPresent(mime::setEnvelopeFrom);
		mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient()));
		mime.setSubject(this.subject.execute(context).replaceAll("[\\r\\n]+", " "), StandardCharsets.UTF_8.name());
		String html = this.html.execute(context);
		if (this.delivery.tracking()) {
			html = this.tracking.track(html, message.logId(), this.delivery.id(), now);
		}
		mime.setText(html, StandardCharsets.UTF_8.name(), "html");
		mime.setHeader("List-Unsubscribe", this.tracking.listUnsubscribe(message.logId(), this.delivery.id(), now));
		mime.setHeader("List-Unsubscribe-Post", MessageTracking.ONE_CLICK);
		// RFC 3461, sent only to an MTA that advertises DSN: with the feedback service
		// the
		// success report is what moves a log from Pending to Sent; without it only
		// failures and delays are wanted. The headers alone come back, never the body.
		mime.setNotifyOptions(this.delivery.emailFeedbackService()
				? SMTPMessage.NOTIFY_SUCCESS | SMTPMessage.NOTIFY_FAILURE | SMTPMessage.NOTIFY_DELAY
				: SMTPMessage.NOTIFY_FAILURE | SMTPMessage.NOTIFY_DELAY);
		mime.setReturnOption(SMTPMessage.RETURN_HDRS);
		return mime;
	}

	/**
	 * The subject and HTML of the recipient's message as composed for sending, without
	 * tracking: a proof is read by approvers, and what they open or click must count
	 * nothing.
	 */
	Proof proof(QueuedMessage message) {
		Map<String, Object> context = context(message);
		return new Proof(message.recipient(), this.delivery.sender(),
				this.subject.execute(context).replaceAll("[\\r\\n]+", " "), this.html.execute(context));
	}

	private Map<String, Object> context(QueuedMessage message) {
		Map<String, Object> context = new HashMap<>();
		if (message.attributesJson() != null) {
			try {
				context.putAll(this.objectMapper.readValue(message.attributesJson(), ATTRIBUTES));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(
						"Stored personalisation fields of log " + message.logId() + " are not JSON", ex);
			}
		}
		context.put("email", message.recipient());
		context.put("firstName", message.firstName() == null ? "" : message.firstName());
		context.put("lastName", message.lastName() == null ? "" : message.lastName());
		return context;
	}

	/**
	 * Keeps its Message-ID when saved (JavaMail would otherwise make up a new one), and
	 * carries its own envelope sender.
	 */
	private static final class IdentifiedMessage extends SMTPMessage {

		private final String messageId;

		IdentifiedMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
