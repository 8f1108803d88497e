package org.campaigndelivery.feedback;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.RequestBinder;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MTA's webhook: delivered, hard bounce, soft bounce and complaint events, in
 * batches.
 */
@RestController
class FeedbackController {

	private final FeedbackService feedback;

	private final IntakeLimit limit;

	private final RequestBinder binder;

	FeedbackController(FeedbackService feedback, IntakeLimit limit, RequestBinder binder) {
		this.feedback = feedback;
		this.limit = limit;
		this.binder = binder;
	}

	@PostMapping(path = "/api/mta/events", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	FeedbackService.Receipt receive(@RequestBody JsonNode body) {
		List<MtaEvent> events = MtaEventParser.parse(body, this.binder);
		return this.limit.within(() -> this.feedback.receive(events));
	}

	/**
	 * The events kept because they changed nothing yet: parked until the relay of the
	 * attempt they are about is recorded, or about a Message-ID no log has.
	 */
	@GetMapping("/api/mta/events")
	List<FeedbackService.KeptEvent> kept(@RequestParam(required = false) String outcome,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return this.feedback.kept(outcome, Paging.of(page, size));
	}

}
