package org.campaigndelivery.feedback;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Feedback")
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
	@Operation(operationId = "postMtaEvents", summary = "Post the MTA's events",
			description = "A batch of up to 10,000 events, applied to the sending logs, the KPIs and the quarantine; "
					+ "one bad event refuses the whole batch. An event about a message whose relay is not recorded "
					+ "yet is parked until it is; a DELAYED event (the MTA still holds the message) is shown on the "
					+ "log and never resent; the same event again counts as a duplicate.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(
							array = @ArraySchema(schema = @Schema(implementation = MtaEventParser.EventRequest.class),
									minItems = 1, maxItems = MtaEventParser.MAX_EVENTS),
							examples = @ExampleObject(name = "bounce", summary = "A hard bounce", value = """
									[{"messageId": "<3f2a17@shop.example.com>", "type": "HARD_BOUNCE",
									  "smtpStatus": "550 5.1.1", "diagnostic": "User unknown",
									  "at": "2030-01-31T09:05:00Z"}]"""))))
	@ApiResponse(responseCode = "202", description = "Accepted: the events counted by what became of them.")
	@ApiResponse(responseCode = "429",
			description = "Too many batches are being applied at once; send it again after Retry-After.")
	FeedbackService.Receipt receive(@RequestBody JsonNode body) {
		List<MtaEvent> events = MtaEventParser.parse(body, this.binder);
		return this.limit.within(() -> this.feedback.receive(events));
	}

	/**
	 * The events kept because they changed nothing yet: parked until the relay of the
	 * attempt they are about is recorded, or about a Message-ID no log has.
	 */
	@GetMapping("/api/mta/events")
	@Operation(operationId = "listKeptMtaEvents", summary = "List the MTA events kept",
			description = "The events kept because they changed nothing yet, newest first: PARKED (waiting for the "
					+ "relay of the attempt it is about), UNKNOWN_MESSAGE, or WARNING (a DELAYED event, recorded on "
					+ "its log).")
	List<FeedbackService.KeptEvent> kept(
			@Parameter(description = "Only the events kept for this reason.",
					schema = @Schema(type = "string",
							allowableValues = { "PARKED", "UNKNOWN_MESSAGE", "WARNING" })) @RequestParam(
									required = false) String outcome,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return this.feedback.kept(outcome, Paging.of(page, size));
	}

}
