package org.campaigndelivery.recurring;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.campaigndelivery.api.RequestBinder;
import org.campaigndelivery.delivery.DeliveryRequest;
import org.campaigndelivery.delivery.DeliveryRequestParser;
import org.campaigndelivery.delivery.NewDelivery;

/**
 * Reads a request to set up a recurring delivery: the fields of a delivery (but its
 * contact date: the schedule says when each occurrence is due) and those of its schedule.
 * Every bad field is named in one answer.
 */
class RecurringRequestParser {

	private final RequestBinder.Binding binding;

	private final DeliveryRequestParser fields;

	private final Instant now;

	/** The least time between two occurrences a schedule may plan. */
	private final Duration minimumInterval;

	RecurringRequestParser(Function<String, String> audienceProblem, RequestBinder binder, Instant now,
			Duration minimumInterval) {
		this.minimumInterval = minimumInterval;
		this.binding = binder.binding();
		this.fields = new DeliveryRequestParser(audienceProblem, this.binding);
		this.now = now;
	}

	NewRecurring parse(JsonNode body) {
		DeliveryRequest delivery = this.binding.body(body, DeliveryRequest.class, ScheduleRequest.class);
		ScheduleRequest schedule = this.binding.body(body, ScheduleRequest.class, DeliveryRequest.class);
		NewDelivery template = this.fields.parseFields(delivery);
		if (delivery.guard() != null) {
			this.binding.problem("guard",
					"is not taken for a recurring delivery: the delivery.guard.* limits apply to its occurrences");
		}
		if (delivery.contactDate() != null) {
			this.binding.problem("contactDate",
					"does not apply to a recurring delivery: its schedule says when each occurrence is sent");
		}
		ZoneId zone = (schedule.timeZone() != null) ? schedule.timeZone() : ZoneOffset.UTC;
		if (schedule.until() != null && !schedule.until().toInstant().isAfter(this.now)) {
			this.binding.problem("until", "must be in the future");
		}
		String aggregation = aggregationPeriod(schedule.aggregationPeriod());
		if (aggregation != null && Boolean.TRUE.equals(schedule.confirmBeforeSend())) {
			String why = "a confirmation before each send cannot be asked when an aggregation period groups the sends";
			this.binding.problem("confirmBeforeSend", "cannot be true together with aggregationPeriod: " + why);
			this.binding.problem("aggregationPeriod", "cannot be given together with confirmBeforeSend true: " + why);
		}
		// a schedule is checked even when the time zone or the end it is read with are
		// wrong
		Instant first = (schedule.schedule() == null || this.binding.hasProblem("schedule")) ? null : firstOccurrence(
				schedule.schedule().trim(), zone, this.binding.hasProblem("until") ? null : schedule.until());
		this.binding.check();
		return new NewRecurring(template, schedule.schedule().trim(), zone, schedule.until(), aggregation,
				(schedule.confirmBeforeSend() != null) ? schedule.confirmBeforeSend() : aggregation == null, first);
	}

	/**
	 * The shortest time between two of the first occurrences; null for a schedule with
	 * one.
	 */
	private static Duration closestOccurrences(Schedule schedule, Instant first) {
		Duration closest = null;
		Instant previous = first;
		for (int i = 0; i < 50; i++) {
			Optional<Instant> next = schedule.next(previous);
			if (next.isEmpty()) {
				break;
			}
			Duration gap = Duration.between(previous, next.get());
			closest = (closest == null || gap.compareTo(closest) < 0) ? gap : closest;
			previous = next.get();
		}
		return closest;
	}

	private Instant firstOccurrence(String schedule, ZoneId zone, OffsetDateTime until) {
		try {
			Schedule parsed = Schedule.parse(schedule, zone, this.now);
			Optional<Instant> first = parsed.next(this.now);
			if (first.isEmpty() || (until != null && first.get().isAfter(until.toInstant()))) {
				this.binding.problem("schedule",
						"has no occurrence after now" + (until == null ? "" : " and before until (" + until + ")"));
				return null;
			}
			Duration closest = closestOccurrences(parsed, first.get());
			if (closest != null && closest.compareTo(this.minimumInterval) < 0) {
				// "* * * * * *" for "every minute" would prepare a delivery to the whole
				// audience every second
				this.binding.problem("schedule", "plans occurrences " + closest + " apart; they must be at least "
						+ this.minimumInterval + " apart (delivery.recurring.minimum-interval)");
				return null;
			}
			return first.get();
		}
		catch (IllegalArgumentException ex) {
			this.binding.problem("schedule", ex.getMessage());
			return null;
		}
	}

	private String aggregationPeriod(String period) {
		if (period == null || this.binding.hasProblem("aggregationPeriod")) {
			return null;
		}
		try {
			return IsoPeriod.parse(period).toString();
		}
		catch (IllegalArgumentException ex) {
			this.binding.problem("aggregationPeriod", "must be a positive ISO-8601 duration such as P1D or P7D");
			return null;
		}
	}

	/** The fields of a recurring delivery's request that say when it is sent. */
	record ScheduleRequest(
			@Schema(description = "A 6-field cron expression (seconds first) or an ISO-8601 repeating interval "
					+ "(R/2030-01-06T09:00:00Z/P7D); its occurrences at least delivery.recurring.minimum-interval "
					+ "apart.", example = "0 0 9 * * MON") @NotBlank(
							message = "is required: a 6-field cron expression (seconds first, such as "
									+ "0 0 9 * * MON) or an ISO-8601 repeating interval (such as "
									+ "R/2030-01-06T09:00:00Z/P7D)") @Size(max = 200,
											message = "must be a string of at most {max} characters") String schedule,
			@Schema(type = "string", description = "The time zone the cron expression is read in.",
					defaultValue = "UTC", example = "Europe/Paris") ZoneId timeZone,
			@Schema(description = "No occurrence after this time; in the future.",
					example = "2030-12-31T00:00:00Z") OffsetDateTime until,
			@Schema(format = "duration",
					description = "A positive ISO-8601 period (P1D, P7D) grouping the "
							+ "occurrences' figures; not with confirmBeforeSend true.",
					example = "P7D") String aggregationPeriod,
			@Schema(description = "Whether each occurrence waits for a starter's confirmation; by default true "
					+ "unless an aggregation period is given.") Boolean confirmBeforeSend) {
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
