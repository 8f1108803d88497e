package org.campaigndelivery.feedback;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.InvalidRequestException.FieldProblem;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.RequestBodies;

/**
 * Reads a batch of MTA events; a batch with any bad event is refused whole, naming each
 * bad field.
 */
final class MtaEventParser {

	static final int MAX_EVENTS = 10_000;

	private static final Set<String> FIELDS = Set.of("messageId", "type", "smtpStatus", "diagnostic", "at");

	private MtaEventParser() {
	}

	static List<MtaEvent> parse(JsonNode body) {
		if (body == null || !body.isArray() || body.isEmpty()) {
			throw new InvalidRequestException("(body)", "must be a non-empty JSON array of events");
		}
		if (body.size() > MAX_EVENTS) {
			throw new InvalidRequestException("(body)",
					"holds more than " + MAX_EVENTS + " events; send smaller batches");
		}
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<FieldProblem> problems = new ArrayList<>();
		List<MtaEvent> events = new ArrayList<>(body.size());
		for (int i = 0; i < body.size(); i++) {
			String prefix = "[" + i + "]";
			JsonNode node = body.get(i);
			if (!node.isObject()) {
				problems.add(new FieldProblem(prefix, "must be an object"));
				continue;
			}
			RequestBodies.rejectUnknownFields(node, FIELDS, prefix + ".", problems);
			int before = problems.size();
			String messageId = text(node, "messageId", 255, true, prefix, problems);
			MtaEvent.Type type = type(node.get("type"), prefix, problems);
			String smtpStatus = text(node, "smtpStatus", 64, false, prefix, problems);
			String diagnostic = text(node, "diagnostic", 1000, false, prefix, problems);
			OffsetDateTime at = at(node.get("at"), now, prefix, problems);
			if (problems.size() == before) {
				events.add(new MtaEvent(angleBracketed(messageId), type, smtpStatus, diagnostic, at));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return events;
	}

	private static MtaEvent.Type type(JsonNode node, String prefix, List<FieldProblem> problems) {
		try {
			if (node != null && node.isTextual()) {
				return MtaEvent.Type.valueOf(node.asText());
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		problems
			.add(new FieldProblem(prefix + ".type", "must be one of DELIVERED, HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT"));
		return null;
	}

	private static OffsetDateTime at(JsonNode node, OffsetDateTime now, String prefix, List<FieldProblem> problems) {
		if (node == null || node.isNull()) {
			return now;
		}
		try {
			if (node.isTextual()) {
				return OffsetDateTime.parse(node.asText());
			}
		}
		catch (DateTimeParseException ex) {
			// reported below
		}
		problems.add(new FieldProblem(prefix + ".at", "must be an ISO-8601 date and time with offset"));
		return null;
	}

	private static String text(JsonNode node, String field, int maxLength, boolean required, String prefix,
			List<FieldProblem> problems) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				problems.add(new FieldProblem(prefix + "." + field, "is required"));
			}
			return null;
		}
		if (!value.isTextual() || (required && value.asText().isBlank())) {
			problems.add(new FieldProblem(prefix + "." + field, "must be a non-blank string"));
			return null;
		}
		if (value.asText().length() > maxLength) {
			problems.add(new FieldProblem(prefix + "." + field, "must be at most " + maxLength + " characters long"));
			return null;
		}
		return value.asText();
	}

	/**
	 * The Message-ID as the message carried it, in angle brackets: many MTAs and
	 * providers report it without them.
	 */
	private static String angleBracketed(String messageId) {
		String id = messageId.strip();
		return (id.startsWith("<") || !id.contains("@")) ? id : "<" + id + ">";
	}

}
