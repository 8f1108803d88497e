package org.campaigndelivery.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.InvalidRequestException.FieldProblem;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.RequestBodies;
import org.campaigndelivery.audience.EmailAddresses;
import org.campaigndelivery.audience.Recipient;

/**
 * Reads a create-delivery request field by field, so that every bad field is named in one
 * answer and nothing is created from a request with any of them. A recurring delivery's
 * request holds the same fields and more of its own.
 */
public class DeliveryRequestParser {

	static final int MAX_INLINE_RECIPIENTS = 100_000;

	static final Duration MAX_VALIDITY_PERIOD = Duration.ofDays(30);

	private static final Set<String> FIELDS = Set.of("label", "from", "subject", "html", "recipients", "audienceId",
			"emailFeedbackService", "approvalMode", "contactDate", "validityPeriod", "retryPeriod", "tracking");

	private static final Set<String> RECIPIENT_FIELDS = Set.of("email", "firstName", "lastName");

	private final Predicate<String> audienceExists;

	private final Set<String> fields;

	private final List<FieldProblem> problems = new ArrayList<>();

	DeliveryRequestParser(Predicate<String> audienceExists) {
		this(audienceExists, Set.of());
	}

	/**
	 * @param moreFields the fields of a larger request that its own parser reads
	 */
	public DeliveryRequestParser(Predicate<String> audienceExists, Set<String> moreFields) {
		this.audienceExists = audienceExists;
		this.fields = new HashSet<>(FIELDS);
		this.fields.addAll(moreFields);
	}

	NewDelivery parse(JsonNode body) {
		NewDelivery delivery = parseFields(body);
		if (!this.problems.isEmpty()) {
			throw new InvalidRequestException(this.problems);
		}
		return delivery;
	}

	/**
	 * The delivery's fields, or null when any is wrong; {@link #problems()} says which.
	 */
	public NewDelivery parseFields(JsonNode body) {
		RequestBodies.rejectUnknownFields(RequestBodies.object(body), this.fields, "", this.problems);
		String label = text(body, "label", 255, true);
		String from = text(body, "from", 320, true);
		if (from != null && !EmailAddresses.isValid(from.trim())) {
			problem("from", "must be an email address such as news@example.com");
		}
		String subject = text(body, "subject", 998, true);
		String html = text(body, "html", 1_000_000, true);
		List<Recipient> recipients = recipients(body.get("recipients"));
		String audienceId = text(body, "audienceId", 36, false);
		boolean recipientsGiven = body.hasNonNull("recipients");
		if (!recipientsGiven && audienceId == null) {
			problem("recipients", "or audienceId is required");
		}
		else if (recipientsGiven && audienceId != null) {
			problem("audienceId", "cannot be given together with recipients");
		}
		else if (audienceId != null && !this.audienceExists.test(audienceId)) {
			problem("audienceId", "names no audience");
		}
		boolean feedbackService = bool(body, "emailFeedbackService", false);
		boolean tracking = bool(body, "tracking", true);
		ApprovalMode approvalMode = approvalMode(body.get("approvalMode"));
		OffsetDateTime contactDate = contactDate(body.get("contactDate"));
		Duration validity = duration(body, "validityPeriod", NewDelivery.DEFAULT_VALIDITY_PERIOD);
		Duration retry = duration(body, "retryPeriod", NewDelivery.DEFAULT_RETRY_PERIOD);
		if (validity != null && validity.compareTo(MAX_VALIDITY_PERIOD) > 0) {
			problem("validityPeriod", "must be at most " + MAX_VALIDITY_PERIOD);
		}
		if (validity != null && retry != null && retry.compareTo(validity) > 0) {
			problem("retryPeriod", "must not be longer than the validity period");
		}
		if (!this.problems.isEmpty()) {
			return null;
		}
		return new NewDelivery(label.trim(), from.trim(), subject, html, recipients, audienceId, feedbackService,
				approvalMode, contactDate, validity, retry, tracking);
	}

	private List<Recipient> recipients(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isArray() || node.isEmpty()) {
			problem("recipients", "must be a non-empty array of objects");
			return null;
		}
		if (node.size() > MAX_INLINE_RECIPIENTS) {
			problem("recipients", "holds more than " + MAX_INLINE_RECIPIENTS + " entries; import an audience instead");
			return null;
		}
		List<Recipient> recipients = new ArrayList<>(node.size());
		for (int i = 0; i < node.size(); i++) {
			String field = "recipients[" + i + "]";
			JsonNode item = node.get(i);
			if (!item.isObject()) {
				problem(field, "must be an object with an email");
				continue;
			}
			if (!item.has("email")) {
				// a misspelt key would otherwise be a personalisation field, and the
				// recipient
				// an empty address excluded at preparation
				problem(field + ".email", "is required (it may be empty: the recipient is then excluded)");
				continue;
			}
			Map<String, Object> attributes = new LinkedHashMap<>();
			for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> entry = it.next();
				JsonNode value = entry.getValue();
				if (RECIPIENT_FIELDS.contains(entry.getKey())) {
					continue;
				}
				if (!value.isValueNode()) {
					problem(field + "." + entry.getKey(), "must be a string, number, boolean or null");
				}
				else if (!value.isNull()) {
					attributes.put(entry.getKey(), value.isNumber() ? value.numberValue()
							: value.isBoolean() ? value.booleanValue() : value.asText());
				}
			}
			recipients.add(new Recipient(text(item, "email", field + ".email", 320, false),
					text(item, "firstName", field + ".firstName", 255, false),
					text(item, "lastName", field + ".lastName", 255, false), attributes));
		}
		return recipients;
	}

	private ApprovalMode approvalMode(JsonNode node) {
		if (node == null || node.isNull()) {
			return ApprovalMode.MANUAL;
		}
		try {
			return ApprovalMode.valueOf(node.isTextual() ? node.asText() : "");
		}
		catch (IllegalArgumentException ex) {
			problem("approvalMode", "must be one of MANUAL, SEMI_AUTOMATIC, AUTOMATIC");
			return null;
		}
	}

	private OffsetDateTime contactDate(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		try {
			if (node.isTextual()) {
				return OffsetDateTime.parse(node.asText());
			}
		}
		catch (DateTimeParseException ex) {
			// reported below
		}
		problem("contactDate", "must be an ISO-8601 date and time with offset, such as 2030-01-31T09:00:00Z");
		return null;
	}

	private Duration duration(JsonNode body, String field, Duration fallback) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull()) {
			return fallback;
		}
		try {
			Duration duration = node.isTextual() ? Duration.parse(node.asText()) : null;
			if (duration != null && !duration.isNegative() && !duration.isZero()) {
				return duration;
			}
		}
		catch (DateTimeParseException ex) {
			// reported below
		}
		problem(field, "must be a positive ISO-8601 duration such as P3DT12H or PT1H");
		return null;
	}

	private boolean bool(JsonNode body, String field, boolean fallback) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull()) {
			return fallback;
		}
		if (!node.isBoolean()) {
			problem(field, "must be true or false");
			return false;
		}
		return node.booleanValue();
	}

	private String text(JsonNode body, String field, int maxLength, boolean required) {
		return text(body, field, field, maxLength, required);
	}

	private String text(JsonNode body, String key, String field, int maxLength, boolean required) {
		JsonNode node = body.get(key);
		if (node == null || node.isNull()) {
			if (required) {
				problem(field, "is required");
			}
			return null;
		}
		if (!node.isTextual()) {
			problem(field, "must be a string");
			return null;
		}
		String value = node.asText();
		if (required && value.isBlank()) {
			problem(field, "must not be blank");
			return null;
		}
		if (value.length() > maxLength) {
			problem(field, "must be at most " + maxLength + " characters long");
			return null;
		}
		return value;
	}

	/** What is wrong so far, field by field. */
	public List<FieldProblem> problems() {
		return this.problems;
	}

	public void problem(String field, String message) {
		this.problems.add(new FieldProblem(field, message));
	}

}
