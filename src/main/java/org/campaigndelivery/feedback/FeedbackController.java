package org.campaigndelivery.feedback;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.security.CurrentUser;
import org.campaigndelivery.security.Roles;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MTA's webhook: delivered, hard bounce, soft bounce and complaint events, in
 * batches.
 */
@RestController
class FeedbackController {

	private final FeedbackService feedback;

	FeedbackController(FeedbackService feedback) {
		this.feedback = feedback;
	}

	@PostMapping(path = "/api/mta/events", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	FeedbackService.Receipt receive(@RequestBody JsonNode body, CurrentUser user) {
		user.require("post MTA events", Roles.MTA, Roles.ADMINS);
		return this.feedback.receive(MtaEventParser.parse(body));
	}

}
