package org.campaigndelivery.feedback;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
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
	@Schema(name = "MtaEvent", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record EventRequest(@Schema(description = "The Message-ID of the message, with or without its angle brackets.",
			example = "<3f2a17@shop.example.com>") @NotBlank(message = "is required and must not be blank") @Size(
					max = 255, message = "must be at most {max} characters long") String messageId,
			@Schema(description = "DELAYED: the MTA still holds the message.") @NotNull(
					message = "is required: one of DELIVERED, HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, DELAYED") MtaEvent.Type type,
			@Schema(description = "The SMTP reply or enhanced status code.", example = "550 5.1.1") @Size(max = 64,
					message = "must be at most {max} characters long") String smtpStatus,
			@Schema(description = "The MTA's diagnostic.", example = "User unknown") @Size(max = 1000,
					message = "must be at most {max} characters long") String diagnostic,
			@Schema(description = "When it happened (ISO-8601 with offset); by default when it was received. Without it, the same event posted again about the same attempt is a duplicate.",
					example = "2030-01-31T09:05:00Z") OffsetDateTime at) {
	}

}
