package org.campaigndelivery.bounce;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.feedback.MtaEvent;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** SendGrid's signed Event Webhook. */
@Component
class SendGridWebhook implements ProviderWebhook {

	static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";

	static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

	private final ProviderProperties properties;

	private final ObjectMapper objectMapper;

	private final Clock clock;

	SendGridWebhook(ProviderProperties properties, ObjectMapper objectMapper, Clock clock) {
		this.properties = properties;
		this.objectMapper = objectMapper;
		this.clock = clock;
	}

	/**
	 * SendGrid's signed Event Webhook: an array of events, signed with ECDSA over the
	 * timestamp header and the body as sent. Delivered, bounce (hard; "blocked" soft),
	 * dropped (hard: SendGrid will not send to the address) and spamreport count;
	 * deferred is a warning only, for SendGrid still holds the message, retries it itself
	 * and reports the end of it.
	 */
	@Override
	public List<MtaEvent> events(byte[] body, HttpHeaders headers) {
		String signature = headers.getFirst(SIGNATURE);
		String timestamp = headers.getFirst(TIMESTAMP);
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
		JsonNode array = WebhookJson.read(this.objectMapper, new String(body, StandardCharsets.UTF_8));
		if (!array.isArray()) {
			throw new InvalidRequestException("(body)", "must be a JSON array of SendGrid events");
		}
		List<MtaEvent> events = new ArrayList<>();
		for (JsonNode event : array) {
			String messageId = WebhookJson.text(event.path("smtp-id").asText(null), 250);
			if (messageId == null || messageId.isBlank()) {
				continue;
			}
			messageId = messageId.trim().startsWith("<") ? messageId.trim() : "<" + messageId.trim() + ">";
			OffsetDateTime at = event.has("timestamp")
					? Instant.ofEpochSecond(event.path("timestamp").asLong()).atOffset(ZoneOffset.UTC)
					: OffsetDateTime.now(this.clock);
			String status = WebhookJson.text(event.path("status").asText(null), 64);
			String reason = WebhookJson.text(event.path("reason").asText(event.path("response").asText(null)), 1000);
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
		return events;
	}

}
