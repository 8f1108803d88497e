package org.campaigndelivery.bounce;

import java.util.List;
import java.util.Map;

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
class ProviderHooksController {

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
	Map<String, Integer> ses(@RequestBody byte[] body, @RequestHeader HttpHeaders headers) {
		return receive(this.ses, body, headers);
	}

	@PostMapping(path = "/api/hooks/sendgrid", consumes = "application/json")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Integer> sendgrid(@RequestBody byte[] body, @RequestHeader HttpHeaders headers) {
		return receive(this.sendgrid, body, headers);
	}

	private Map<String, Integer> receive(ProviderWebhook hook, byte[] body, HttpHeaders headers) {
		List<MtaEvent> events = hook.events(body, headers);
		if (!events.isEmpty()) {
			this.feedback.receive(events);
		}
		return Map.of("events", events.size());
	}

}
