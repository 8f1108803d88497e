package org.campaigndelivery.bounce;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hosted MTAs' webhooks. No user signs in: each request must carry its provider's
 * signature, which is checked before anything is read.
 */
@RestController
class ProviderHooksController {

	private final ProviderHooks hooks;

	ProviderHooksController(ProviderHooks hooks) {
		this.hooks = hooks;
	}

	/** Amazon SNS posts its messages as text/plain JSON. */
	@PostMapping(path = "/api/hooks/ses", consumes = { "text/plain", "application/json" })
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Integer> ses(@RequestBody String body) {
		return Map.of("events", this.hooks.ses(body));
	}

	@PostMapping(path = "/api/hooks/sendgrid", consumes = "application/json")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Integer> sendgrid(@RequestBody byte[] body,
			@RequestHeader(name = "X-Twilio-Email-Event-Webhook-Signature", required = false) String signature,
			@RequestHeader(name = "X-Twilio-Email-Event-Webhook-Timestamp", required = false) String timestamp) {
		return Map.of("events", this.hooks.sendgrid(body, signature, timestamp));
	}

}
