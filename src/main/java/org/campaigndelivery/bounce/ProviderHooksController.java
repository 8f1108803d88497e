package org.campaigndelivery.bounce;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.campaigndelivery.feedback.FeedbackService;
import org.campaigndelivery.feedback.MtaEvent;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hosted MTAs' webhooks. No user signs in: each request must carry its provider's
 * signature, which is checked before anything is read; what it reports is applied as POST
 * /api/mta/events applies events.
 */
@RestController
@Tag(name = "Provider webhooks")
class ProviderHooksController {

	private static final String SNS_NOTIFICATION = """
			{"Type": "Notification", "MessageId": "0b6a3c1e-2f4d-4b8a-9c7e-5d1f2a3b4c5d",
			 "TopicArn": "arn:aws:sns:eu-west-1:123456789012:ses-feedback",
			 "Message": "{\\"notificationType\\": \\"Bounce\\", \\"bounce\\": {\\"bounceType\\": \\"Permanent\\", \
			\\"bouncedRecipients\\": [{\\"emailAddress\\": \\"bob@example.net\\", \\"status\\": \\"5.1.1\\"}], \
			\\"timestamp\\": \\"2030-01-31T09:05:00.000Z\\"}, \\"mail\\": {\\"messageId\\": \\"0102018f3f2a17\\", \
			\\"headers\\": [{\\"name\\": \\"Message-ID\\", \\"value\\": \\"<3f2a17@shop.example.com>\\"}]}}",
			 "Timestamp": "2030-01-31T09:05:01.000Z", "SignatureVersion": "2", "Signature": "EXAMPLE...",
			 "SigningCertURL": "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-example.pem"}""";

	private static final String SENDGRID_EVENTS = """
			[{"email": "bob@example.net", "timestamp": 1896080700, "smtp-id": "<3f2a17@shop.example.com>",
			  "event": "bounce", "type": "bounce", "status": "5.1.1", "reason": "550 5.1.1 User unknown"}]""";

	private final SesWebhook ses;

	private final SendGridWebhook sendgrid;

	private final FeedbackService feedback;

	ProviderHooksController(SesWebhook ses, SendGridWebhook sendgrid, FeedbackService feedback) {
		this.ses = ses;
		this.sendgrid = sendgrid;
		this.feedback = feedback;
	}

	/** Amazon SNS posts its messages as text/plain JSON. */
	@PostMapping(path = "/api/hooks/ses", consumes = { "text/plain", "application/json" })
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(operationId = "postSesNotification", summary = "Amazon SES events through Amazon SNS",
			description = "An SNS message as SNS posts it, signed by AWS, of a topic of "
					+ "delivery.providers.ses-topic-arns: a subscription confirmation is confirmed, a notification's "
					+ "bounces, complaints and deliveries are applied as POST /api/mta/events applies events.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = { @Content(mediaType = "text/plain", schema = @Schema(type = "string")),
							@Content(mediaType = "application/json",
									schema = @Schema(type = "object",
											description = "An SNS message: Type, MessageId, TopicArn, Message, "
													+ "Timestamp, Signature, SigningCertURL and the rest."),
									examples = @ExampleObject(name = "bounce", summary = "An SES bounce notification",
											value = SNS_NOTIFICATION)) }))
	@ApiResponse(responseCode = "202", description = "Accepted: the events it held.")
	@ApiResponse(responseCode = "403",
			description = "The signature is wrong, the certificate URL is not AWS's, or "
					+ "the topic is not one of delivery.providers.ses-topic-arns.")
	@ApiResponse(responseCode = "502", description = "Amazon SNS did not confirm the subscription.")
	Received ses(@RequestBody byte[] body, @RequestHeader HttpHeaders headers) {
		return receive(this.ses, body, headers);
	}

	@PostMapping(path = "/api/hooks/sendgrid", consumes = "application/json")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(operationId = "postSendGridEvents", summary = "SendGrid's Event Webhook",
			description = "SendGrid's signed events (ECDSA with delivery.providers.sendgrid-verification-key); its "
					+ "delivered, bounce, dropped, spamreport and deferred events are applied as POST "
					+ "/api/mta/events applies events.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							array = @ArraySchema(schema = @Schema(type = "object",
									description = "A SendGrid event: event, smtp-id, timestamp, status, reason "
											+ "and the rest.")),
							examples = @ExampleObject(name = "bounce", summary = "A bounce", value = SENDGRID_EVENTS))))
	@ApiResponse(responseCode = "202", description = "Accepted: the events it held.")
	@ApiResponse(responseCode = "403",
			description = "Unsigned, badly signed, or signed longer ago than delivery.providers.sendgrid-max-age.")
	Received sendgrid(@RequestBody byte[] body, @RequestHeader HttpHeaders headers) {
		return receive(this.sendgrid, body, headers);
	}

	private Received receive(ProviderWebhook hook, byte[] body, HttpHeaders headers) {
		List<MtaEvent> events = hook.events(body, headers);
		if (!events.isEmpty()) {
			this.feedback.receive(events);
		}
		return new Received(events.size());
	}

	/**
	 * @param events the events the request held, applied
	 */
	record Received(int events) {
	}

}
