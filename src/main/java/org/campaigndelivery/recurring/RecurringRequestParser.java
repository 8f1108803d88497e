package org.campaigndelivery.recurring;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.delivery.DeliveryRequestParser;
import org.campaigndelivery.delivery.NewDelivery;

/**
 * Reads a request to set up a recurring delivery: the fields of a delivery (but its
 * contact date: the schedule says when each occurrence is due) and those of its schedule.
 * Every bad field is named in one answer.
 */
class RecurringRequestParser {

	private static final Set<String> FIELDS = Set.of("schedule", "timeZone", "until", "aggregationPeriod",
			"confirmBeforeSend");

	private final DeliveryRequestParser fields;

	private final Instant now;

	RecurringRequestParser(Predicate<String> audienceExists, Instant now) {
		this.fields = new DeliveryRequestParser(audienceExists, FIELDS);
		this.now = now;
	}

	NewRecurring parse(JsonNode body) {
		NewDelivery template = this.fields.parseFields(body);
		if (body.hasNonNull("contactDate")) {
			this.fields.problem("contactDate",
					"does not apply to a recurring delivery: its schedule says when each " + "occurrence is sent");
		}
		ZoneId zone = zone(body.get("timeZone"));
		OffsetDateTime until = until(body.get("until"));
		String aggregation = aggregationPeriod(body.get("aggregationPeriod"));
		Boolean confirm = confirmBeforeSend(body.get("confirmBeforeSend"));
		if (aggregation != null && Boolean.TRUE.equals(confirm)) {
			String why = "a confirmation before each send cannot be asked when an aggregation period groups the sends";
			this.fields.problem("confirmBeforeSend", "cannot be true together with aggregationPeriod: " + why);
			this.fields.problem("aggregationPeriod", "cannot be given together with confirmBeforeSend true: " + why);
		}
		String schedule = schedule(body.get("schedule"));
		Instant first = schedule == null ? null
				: firstOccurrence(schedule, zone != null ? zone : ZoneOffset.UTC, until);
		if (!this.fields.problems().isEmpty()) {
			throw new InvalidRequestException(this.fields.problems());
		}
		return new NewRecurring(template, schedule, zone, until, aggregation,
				confirm != null ? confirm : aggregation == null, first);
	}

	private Instant firstOccurrence(String schedule, ZoneId zone, OffsetDateTime until) {
		try {
			Optional<Instant> first = Schedule.parse(schedule, zone, this.now).next(this.now);
			if (first.isEmpty() || (until != null && first.get().isAfter(until.toInstant()))) {
				this.fields.problem("schedule",
						"has no occurrence after now" + (until == null ? "" : " and before until (" + until + ")"));
				return null;
			}
			return first.get();
		}
		catch (IllegalArgumentException ex) {
			this.fields.problem("schedule", ex.getMessage());
			return null;
		}
	}

	private ZoneId zone(JsonNode node) {
		if (node == null || node.isNull()) {
			return ZoneOffset.UTC;
		}
		try {
			if (node.isTextual()) {
				return ZoneId.of(node.asText());
			}
		}
		catch (DateTimeException ex) {
			// reported below
		}
		this.fields.problem("timeZone", "must be a time zone such as Europe/Paris or UTC");
		return null;
	}

	private OffsetDateTime until(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		try {
			if (node.isTextual()) {
				OffsetDateTime until = OffsetDateTime.parse(node.asText());
				if (until.toInstant().isAfter(this.now)) {
					return until;
				}
				this.fields.problem("until", "must be in the future");
				return null;
			}
		}
		catch (DateTimeParseException ex) {
			// reported below
		}
		this.fields.problem("until", "must be an ISO-8601 date and time with offset, such as 2031-01-01T00:00:00Z");
		return null;
	}

	private String aggregationPeriod(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		try {
			if (node.isTextual()) {
				return IsoPeriod.parse(node.asText()).toString();
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		this.fields.problem("aggregationPeriod", "must be a positive ISO-8601 duration such as P1D or P7D");
		return null;
	}

	private Boolean confirmBeforeSend(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isBoolean()) {
			this.fields.problem("confirmBeforeSend", "must be true or false");
			return null;
		}
		return node.booleanValue();
	}

	private String schedule(JsonNode node) {
		if (node == null || node.isNull()) {
			this.fields.problem("schedule", "is required: a 6-field cron expression (seconds first, such as "
					+ "0 0 9 * * MON) or an ISO-8601 repeating interval (such as R/2030-01-06T09:00:00Z/P7D)");
			return null;
		}
		if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > 200) {
			this.fields.problem("schedule", "must be a string of at most 200 characters");
			return null;
		}
		return node.asText().trim();
	}

	/**
	 * @param confirmBeforeSend given, or true unless an aggregation period groups the
	 * sends
	 * @param firstRun when the first occurrence is due
	 */
	record NewRecurring(NewDelivery template, String schedule, ZoneId timeZone, OffsetDateTime until,
			String aggregationPeriod, boolean confirmBeforeSend, Instant firstRun) {
	}

}
