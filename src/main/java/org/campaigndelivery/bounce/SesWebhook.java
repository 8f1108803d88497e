package org.campaigndelivery.bounce;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.feedback.MtaEvent;
import org.campaigndelivery.sendinglog.SendingLogs;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Amazon SES notifications delivered by SNS: taken only from a topic of
 * delivery.providers.ses-topic-arns, signed by SNS as AWS documents; a subscription is
 * confirmed on its signed URL.
 */
@Component
class SesWebhook implements ProviderWebhook {

	private static final Logger log = LoggerFactory.getLogger(SesWebhook.class);

	private final ProviderProperties properties;

	private final SnsSignatures sns;

	private final VerpAddresses verp;

	private final SendingLogs logs;

	private final ObjectMapper objectMapper;

	private final Clock clock;

	SesWebhook(ProviderProperties properties, SnsSignatures sns, VerpAddresses verp, SendingLogs logs,
			ObjectMapper objectMapper, Clock clock) {
		this.properties = properties;
		this.sns = sns;
		this.verp = verp;
		this.logs = logs;
		this.objectMapper = objectMapper;
		this.clock = clock;
	}

	/**
	 * An SNS message: a subscription confirmation (confirmed by visiting its URL) or an
	 * SES notification (Bounce, Complaint, Delivery; as notifications or as event
	 * publishing).
	 */
	@Override
	public List<MtaEvent> events(byte[] body, HttpHeaders headers) {
		JsonNode message = WebhookJson.read(this.objectMapper, new String(body, StandardCharsets.UTF_8));
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
			return List.of();
		}
		if (!type.equals("Notification")) {
			return List.of();
		}
		return sesEvents(WebhookJson.read(this.objectMapper, message.path("Message").asText("")));
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
				OffsetDateTime at = WebhookJson.time(this.clock, bounce.path("timestamp").asText(null));
				for (JsonNode recipient : bounce.path("bouncedRecipients")) {
					String diagnostic = WebhookJson.text(recipient.path("diagnosticCode").asText(null), 1000);
					String status = recipient.path("status").asText(null);
					events.add(new MtaEvent(messageId, kind,
							WebhookJson.text((status != null) ? status : bounce.path("bounceSubType").asText(null), 64),
							(diagnostic != null) ? diagnostic : WebhookJson.text(bounce.path("bounceType").asText("")
									+ " " + bounce.path("bounceSubType").asText(""), 1000),
							at));
				}
			}
			case "Complaint" -> {
				JsonNode complaint = notification.path("complaint");
				String feedbackType = complaint.path("complaintFeedbackType").asText("abuse");
				if (!feedbackType.equals("not-spam")) {
					for (JsonNode recipient : complaint.path("complainedRecipients")) {
						events.add(new MtaEvent(messageId, MtaEvent.Type.COMPLAINT, null,
								WebhookJson.text("feedback-type " + feedbackType, 1000),
								WebhookJson.time(this.clock, complaint.path("timestamp").asText(null))));
					}
				}
			}
			case "DeliveryDelay" -> {
				JsonNode delay = notification.path("deliveryDelay");
				OffsetDateTime at = WebhookJson.time(this.clock, delay.path("timestamp").asText(null));
				for (JsonNode recipient : delay.path("delayedRecipients")) {
					String diagnostic = WebhookJson.text(recipient.path("diagnosticCode").asText(null), 1000);
					events
						.add(new MtaEvent(messageId, MtaEvent.Type.DELAYED,
								WebhookJson.text(recipient.path("status").asText(null), 64), (diagnostic != null)
										? diagnostic : WebhookJson.text(delay.path("delayType").asText(null), 1000),
								at));
				}
			}
			case "Delivery" -> {
				JsonNode delivery = notification.path("delivery");
				events.add(new MtaEvent(messageId, MtaEvent.Type.DELIVERED,
						WebhookJson.text(delivery.path("smtpResponse").asText(null), 64), null,
						WebhookJson.time(this.clock, delivery.path("timestamp").asText(null))));
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
				return WebhookJson.text(header.path("value").asText(), 255);
			}
		}
		String common = mail.path("commonHeaders").path("messageId").asText(null);
		if (common != null && !common.isBlank()) {
			return WebhookJson.text(common.trim(), 255);
		}
		OptionalLong logId = this.verp.logId(mail.path("source").asText(null));
		return logId.isPresent() ? this.logs.messageIdOf(logId.getAsLong()).orElse(null) : null;
	}

}
