package org.campaigndelivery.bounce;

import java.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.feedback.FeedbackService;
import org.campaigndelivery.feedback.MtaEvent;
import org.campaigndelivery.sendinglog.SendingLogs;

import org.springframework.stereotype.Service;

/**
 * Hosted MTAs' webhooks mapped to the same MTA events as POST /api/mta/events: Amazon SES
 * notifications delivered by SNS, and SendGrid's Event Webhook. Each is taken only with
 * its provider's signature: these hooks need no user, the signature is the credential.
 */
@Service
class ProviderHooks {

	private static final Logger log = LoggerFactory.getLogger(ProviderHooks.class);

	private final ProviderProperties properties;

	private final SnsSignatures sns;

	private final FeedbackService feedback;

	private final VerpAddresses verp;

	private final SendingLogs logs;

	private final ObjectMapper objectMapper;

	private final Clock clock;

	ProviderHooks(ProviderProperties properties, SnsSignatures sns, FeedbackService feedback, VerpAddresses verp,
			SendingLogs logs, ObjectMapper objectMapper, Clock clock) {
		this.clock = clock;
		this.properties = properties;
		this.sns = sns;
		this.feedback = feedback;
		this.verp = verp;
		this.logs = logs;
		this.objectMapper = objectMapper;
	}

	/**
	 * An SNS message: a subscription confirmation (confirmed by visiting its URL) or an
	 * SES notification (Bounce, Complaint, Delivery; as notifications or as event
	 * publishing).
	 * @return how many events it gave
	 */
	int ses(String body) {
		JsonNode message = json(body);
		if (!message.isObject()) {
			throw new InvalidRequestException("(body)", "must be an Amazon SNS message (a JSON object)");
		}
		String topic = message.path("TopicArn").asText("");
		if (!this.properties.topics().contains(topic)) {
			throw ApiException.forbidden("Topic '" + topic + "' is not one of delivery.providers.ses-topic-arns.");
		}
		String problem = this.sns.problem(message);
		if (problem != null) {
			throw ApiException.forbidden("The message is refused: " + problem + ".");
		}
		String type = message.path("Type").asText("");
		if (type.equals("SubscriptionConfirmation")) {
			confirm(message);
			return 0;
		}
		if (!type.equals("Notification")) {
			return 0;
		}
		List<MtaEvent> events = sesEvents(json(message.path("Message").asText("")));
		if (!events.isEmpty()) {
			this.feedback.receive(events);
		}
		return events.size();
	}

	private void confirm(JsonNode message) {
		String subscribe = message.path("SubscribeURL").asText("");
		URI certificate = URI.create(message.path("SigningCertURL").asText(""));
		URI url;
		try {
			url = URI.create(subscribe);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("SubscribeURL", "is not a URL");
		}
		// the certificate's URL was checked against AWS's hosts; the subscription is
		// confirmed on the same host only
		if (!certificate.getScheme().equals(url.getScheme())
				|| !certificate.getAuthority().equals(url.getAuthority())) {
			throw ApiException.forbidden("The SubscribeURL is not on the host of the signing certificate.");
		}
		try {
			this.sns.confirm(subscribe);
			log.info("Confirmed the SNS subscription to {}", message.path("TopicArn").asText());
		}
		catch (IOException ex) {
			throw ApiException.badGateway("Amazon SNS did not confirm the subscription: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ApiException.badGateway("The subscription was not confirmed.");
		}
	}

	/**
	 * Permanent bounces are hard; transient and undetermined ones soft (SES reports them
	 * once it has stopped trying, so the message is ours to retry); a delivery delay is a
	 * warning (SES still holds the message); complaints (but "not-spam" feedback) and
	 * deliveries as they say.
	 */
	private List<MtaEvent> sesEvents(JsonNode notification) {
		String type = notification.path("notificationType").asText(notification.path("eventType").asText(""));
		JsonNode mail = notification.path("mail");
		String messageId = sesMessageId(mail);
		List<MtaEvent> events = new ArrayList<>();
		if (messageId == null) {
			return events;
		}
		switch (type) {
			case "Bounce" -> {
				JsonNode bounce = notification.path("bounce");
				MtaEvent.Type kind = "Permanent".equals(bounce.path("bounceType").asText()) ? MtaEvent.Type.HARD_BOUNCE
						: MtaEvent.Type.SOFT_BOUNCE;
				OffsetDateTime at = time(bounce.path("timestamp").asText(null));
				for (JsonNode recipient : bounce.path("bouncedRecipients")) {
					String diagnostic = text(recipient.path("diagnosticCode").asText(null), 1000);
					String status = recipient.path("status").asText(null);
					events.add(new MtaEvent(messageId, kind,
							text((status != null) ? status : bounce.path("bounceSubType").asText(null), 64),
							(diagnostic != null) ? diagnostic : text(bounce.path("bounceType").asText("") + " "
									+ bounce.path("bounceSubType").asText(""), 1000),
							at));
				}
			}
			case "Complaint" -> {
				JsonNode complaint = notification.path("complaint");
				String feedbackType = complaint.path("complaintFeedbackType").asText("abuse");
				if (!feedbackType.equals("not-spam")) {
					for (JsonNode recipient : complaint.path("complainedRecipients")) {
						events.add(new MtaEvent(messageId, MtaEvent.Type.COMPLAINT, null,
								text("feedback-type " + feedbackType, 1000),
								time(complaint.path("timestamp").asText(null))));
					}
				}
			}
			case "DeliveryDelay" -> {
				JsonNode delay = notification.path("deliveryDelay");
				OffsetDateTime at = time(delay.path("timestamp").asText(null));
				for (JsonNode recipient : delay.path("delayedRecipients")) {
					String diagnostic = text(recipient.path("diagnosticCode").asText(null), 1000);
					events.add(new MtaEvent(messageId, MtaEvent.Type.DELAYED,
							text(recipient.path("status").asText(null), 64),
							(diagnostic != null) ? diagnostic : text(delay.path("delayType").asText(null), 1000), at));
				}
			}
			case "Delivery" -> {
				JsonNode delivery = notification.path("delivery");
				events.add(new MtaEvent(messageId, MtaEvent.Type.DELIVERED,
						text(delivery.path("smtpResponse").asText(null), 64), null,
						time(delivery.path("timestamp").asText(null))));
			}
			default -> {
				// sends, opens, clicks, rejects, rendering failures: no delivery outcome
			}
		}
		return events;
	}

	/**
	 * The Message-ID the message went out with, among the headers SES returns; SES's own
	 * id names nothing here. A VERP envelope sender names the log too.
	 */
	private String sesMessageId(JsonNode mail) {
		for (JsonNode header : mail.path("headers")) {
			if ("Message-ID".equalsIgnoreCase(header.path("name").asText())) {
				return text(header.path("value").asText(), 255);
			}
		}
		String common = mail.path("commonHeaders").path("messageId").asText(null);
		if (common != null && !common.isBlank()) {
			return text(common.trim(), 255);
		}
		OptionalLong logId = this.verp.logId(mail.path("source").asText(null));
		return logId.isPresent() ? this.logs.messageIdOf(logId.getAsLong()).orElse(null) : null;
	}

	/**
	 * SendGrid's signed Event Webhook: an array of events, signed with ECDSA over the
	 * timestamp header and the body as sent. Delivered, bounce (hard; "blocked" soft),
	 * dropped (hard: SendGrid will not send to the address) and spamreport count;
	 * deferred is a warning only, for SendGrid still holds the message, retries it itself
	 * and reports the end of it.
	 */
	int sendgrid(byte[] body, String signature, String timestamp) {
		String key = this.properties.sendgridVerificationKey();
		if (key == null || key.isBlank()) {
			throw ApiException
				.forbidden("delivery.providers.sendgrid-verification-key is not set: SendGrid events are not taken.");
		}
		if (signature == null || timestamp == null) {
			throw ApiException
				.forbidden("The X-Twilio-Email-Event-Webhook-Signature and -Timestamp headers are required.");
		}
		try {
			long seconds = Long.parseLong(timestamp.trim());
			long age = Math.abs(this.clock.instant().getEpochSecond() - seconds);
			if (age > this.properties.sendgridMaxAge().toSeconds()) {
				throw ApiException.forbidden("The signed timestamp is " + age + " s away from now; at most "
						+ this.properties.sendgridMaxAge().toSeconds() + " s are taken.");
			}
			PublicKey publicKey = KeyFactory.getInstance("EC")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.trim())));
			Signature verifier = Signature.getInstance("SHA256withECDSA");
			verifier.initVerify(publicKey);
			verifier.update(timestamp.trim().getBytes(StandardCharsets.UTF_8));
			verifier.update(body);
			if (!verifier.verify(Base64.getDecoder().decode(signature.trim()))) {
				throw ApiException.forbidden("The signature does not match.");
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw ApiException.forbidden("The signature cannot be checked: " + ex.getMessage());
		}
		JsonNode array = json(new String(body, StandardCharsets.UTF_8));
		if (!array.isArray()) {
			throw new InvalidRequestException("(body)", "must be a JSON array of SendGrid events");
		}
		List<MtaEvent> events = new ArrayList<>();
		for (JsonNode event : array) {
			String messageId = text(event.path("smtp-id").asText(null), 250);
			if (messageId == null || messageId.isBlank()) {
				continue;
			}
			messageId = messageId.trim().startsWith("<") ? messageId.trim() : "<" + messageId.trim() + ">";
			OffsetDateTime at = event.has("timestamp")
					? Instant.ofEpochSecond(event.path("timestamp").asLong()).atOffset(ZoneOffset.UTC)
					: OffsetDateTime.now(this.clock);
			String status = text(event.path("status").asText(null), 64);
			String reason = text(event.path("reason").asText(event.path("response").asText(null)), 1000);
			MtaEvent.Type type = switch (event.path("event").asText("").toLowerCase(Locale.ROOT)) {
				case "delivered" -> MtaEvent.Type.DELIVERED;
				case "bounce" -> "blocked".equals(event.path("type").asText()) ? MtaEvent.Type.SOFT_BOUNCE
						: MtaEvent.Type.HARD_BOUNCE;
				case "dropped" -> MtaEvent.Type.HARD_BOUNCE;
				case "spamreport" -> MtaEvent.Type.COMPLAINT;
				case "deferred" -> MtaEvent.Type.DELAYED;
				default -> null;
			};
			if (type != null) {
				events.add(new MtaEvent(messageId, type, status, reason, at));
			}
		}
		if (!events.isEmpty()) {
			this.feedback.receive(events);
		}
		return events.size();
	}

	private JsonNode json(String text) {
		try {
			return this.objectMapper.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidRequestException("(body)", "is not valid JSON");
		}
	}

	private OffsetDateTime time(String text) {
		if (text != null) {
			try {
				return OffsetDateTime.parse(text);
			}
			catch (DateTimeParseException ex) {
				// the time it was received, below
			}
		}
		return OffsetDateTime.now(this.clock);
	}

	private static String text(String text, int max) {
		return (text == null || text.isBlank()) ? null : BounceIntake.truncate(text, max);
	}

}
