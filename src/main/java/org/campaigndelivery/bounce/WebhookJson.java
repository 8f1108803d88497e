package org.campaigndelivery.bounce;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.campaigndelivery.api.InvalidRequestException;

/** How the webhooks read their providers' JSON. */
final class WebhookJson {

	private WebhookJson() {
	}

	/** The body as JSON, or a 400 saying it is not. */
	static JsonNode read(ObjectMapper objectMapper, String text) {
		try {
			return objectMapper.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidRequestException("(body)", "is not valid JSON");
		}
	}

	/** An ISO-8601 time the provider gave, or now when it gave none that parses. */
	static OffsetDateTime time(Clock clock, String text) {
		if (text != null) {
			try {
				return OffsetDateTime.parse(text);
			}
			catch (DateTimeParseException ex) {
				// the time it was received, below
			}
		}
		return OffsetDateTime.now(clock);
	}

	/** A provider's text as it can be stored, or null for none. */
	static String text(String text, int max) {
		return (text == null || text.isBlank()) ? null : BounceIntake.truncate(text, max);
	}

}
