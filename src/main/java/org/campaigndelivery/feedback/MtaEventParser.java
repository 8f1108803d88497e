package org.campaigndelivery.feedback;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.campaigndelivery.api.RequestBinder;

/**
 * Reads a batch of MTA events; a batch with any bad event is refused whole, naming each
 * bad field ({@code [3].type}).
 */
final class MtaEventParser {

	static final int MAX_EVENTS = 10_000;

	private MtaEventParser() {
	}

	/** The events, those that give no time with a null {@code at}. */
	static List<MtaEvent> parse(JsonNode body, RequestBinder binder) {
		RequestBinder.Binding binding = binder.binding();
		List<EventRequest> requests = binding.array(body, EventRequest.class, MAX_EVENTS, "events");
		binding.check();
		List<MtaEvent> events = new ArrayList<>(requests.size());
		for (EventRequest event : requests) {
			events.add(new MtaEvent(angleBracketed(event.messageId()), event.type(), event.smtpStatus(),
					event.diagnostic(), event.at()));
		}
		return events;
	}

	/**
	 * The Message-ID as the message carried it, in angle brackets: many MTAs and
	 * providers report it without them.
	 */
	private static String angleBracketed(String messageId) {
		String id = messageId.strip();
		return (id.startsWith("<") || !id.contains("@")) ? id : "<" + id + ">";
	}

	/**
	 * One event as the MTA sent it; without {@code at}, it happened when received and is
	 * about the message's latest attempt.
	 */
	record EventRequest(
			@NotBlank(message = "is required and must not be blank") @Size(max = 255,
					message = "must be at most {max} characters long") String messageId,
			@NotNull(
					message = "is required: one of DELIVERED, HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, DELAYED") MtaEvent.Type type,
			@Size(max = 64, message = "must be at most {max} characters long") String smtpStatus,
			@Size(max = 1000, message = "must be at most {max} characters long") String diagnostic, OffsetDateTime at) {
	}

}
