package org.campaigndelivery.sending;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

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
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPMessage;

import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.sendinglog.QueuedMessage;
import org.campaigndelivery.tracking.MessageTracking;

/**
 * Personalises one delivery's message for each recipient: multipart/alternative, a text
 * part first and the HTML second, so that a client that shows no HTML shows the text.
 * Values are HTML-escaped in the HTML; in the text part they are plain text, and in the
 * subject plain text with line breaks removed, so no value can add a header. The text
 * part is the delivery's own template, or read from the personalised HTML. Links of the
 * HTML lead through tracking (unless the delivery turned it off); the text part keeps the
 * addresses as written, which a reader may copy and check. Every message names its
 * one-click unsubscribe URL (RFC 8058).
 */
final class MessageComposer {

	private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");

	private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
	};

	private final Delivery delivery;

	private final Template subject;

	private final Template html;

	/** The text part's template, or null to read the text part from the HTML. */
	private final Template text;

	/** The text part read once from the HTML template, where it can be. */
	private final Optional<HtmlTextTemplate> textOfHtml;

	private final ObjectMapper objectMapper;

	private final MessageTracking tracking;

	private final LongFunction<Optional<String>> envelopeSender;

	private final DkimSigner signer;

	/**
	 * @param envelopeSender the envelope sender of a log's message (a VERP address), or
	 * empty for the From address
	 * @param signer signs each message as it is written to the MTA, if DKIM is on
	 */
	MessageComposer(Delivery delivery, ObjectMapper objectMapper, MessageTracking tracking,
			LongFunction<Optional<String>> envelopeSender, DkimSigner signer) {
		this.delivery = delivery;
		this.signer = signer;
		this.objectMapper = objectMapper;
		this.tracking = tracking;
		this.envelopeSender = envelopeSender;
		this.subject = Mustache.compiler().escapeHTML(false).defaultValue("").compile(delivery.subject());
		this.html = Mustache.compiler().escapeHTML(true).defaultValue("").compile(delivery.html());
		this.text = (delivery.text() == null) ? null
				: Mustache.compiler().escapeHTML(false).defaultValue("").compile(delivery.text());
		this.textOfHtml = (delivery.text() == null) ? HtmlTextTemplate.of(delivery.html()) : Optional.empty();
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
		IdentifiedMessage mime = new IdentifiedMessage(session, messageId, this.signer);
		mime.setFrom(new InternetAddress(this.delivery.sender()));
		this.envelopeSender.apply(message.logId()).ifPresent(mime::setEnvelopeFrom);
		mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient()));
		mime.setSubject(LINE_BREAKS.matcher(this.subject.execute(context)).replaceAll(" "),
				StandardCharsets.UTF_8.name());
		String html = this.html.execute(context);
		String text = text(context, html);
		mime.setSentDate(Date.from(now));
		if (this.delivery.tracking()) {
			html = this.tracking.track(html, message.logId(), this.delivery.id(), now);
		}
		MimeMultipart alternative = new MimeMultipart("alternative", EncodedText.of(text).part("plain"),
				EncodedText.of(html).part("html"));
		mime.setContent(alternative);
		mime.setHeader("List-Unsubscribe", this.tracking.listUnsubscribe(message.logId(), this.delivery.id(), now));
		mime.setHeader("List-Unsubscribe-Post", MessageTracking.ONE_CLICK);
		// RFC 3461, sent only to an MTA that advertises DSN: with the feedback
		// service the success report is what moves a log from Pending to Sent;
		// without it only failures and delays are wanted. The headers alone come
		// back, never the body.
		mime.setNotifyOptions(this.delivery.emailFeedbackService()
				? SMTPMessage.NOTIFY_SUCCESS | SMTPMessage.NOTIFY_FAILURE | SMTPMessage.NOTIFY_DELAY
				: SMTPMessage.NOTIFY_FAILURE | SMTPMessage.NOTIFY_DELAY);
		mime.setReturnOption(SMTPMessage.RETURN_HDRS);
		return mime;
	}

	/**
	 * The subject, HTML and text of the recipient's message as composed for sending,
	 * without tracking: a proof is read by approvers, and what they open or click must
	 * count nothing.
	 */
	Proof proof(QueuedMessage message) {
		Map<String, Object> context = context(message);
		String html = this.html.execute(context);
		return new Proof(message.recipient(), this.delivery.sender(),
				LINE_BREAKS.matcher(this.subject.execute(context)).replaceAll(" "), html, text(context, html));
	}

	/** The text part, from its template or from the HTML before tracking rewrote it. */
	private String text(Map<String, Object> context, String html) {
		if (this.text != null) {
			return this.text.execute(context);
		}
		return this.textOfHtml.isPresent() ? this.textOfHtml.get().execute(context) : HtmlText.of(html);
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
	 * Keeps its Message-ID when saved (JavaMail would otherwise make up a new one),
	 * carries its own envelope sender, and is DKIM-signed as it is written to the MTA.
	 */
	private static final class IdentifiedMessage extends SMTPMessage {

		private final String messageId;

		private final DkimSigner signer;

		IdentifiedMessage(Session session, String messageId, DkimSigner signer) {
			super(session);
			this.messageId = messageId;
			this.signer = signer;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

		/**
		 * Writes the message into an array first and hands it to the connection in one
		 * write: the connection's streams take an array at once but a byte at a time
		 * otherwise, each behind a lock. Signs the bytes as written for the connection,
		 * after the transport changed what it changes (an 8BITMIME server's encodings),
		 * so the signature covers what the MTA receives.
		 */
		@Override
		public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
			ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
			super.writeTo(message, ignoreList);
			out.write(this.signer.signs() ? this.signer.sign(message.toByteArray()) : message.toByteArray());
		}

	}

}
