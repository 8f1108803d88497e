package org.campaigndelivery.recurring;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.scheduling.support.CronExpression;

/**
 * When the occurrences of a recurring delivery are due: a 6-field cron expression
 * (seconds first, evaluated in the delivery's time zone) or an ISO-8601 repeating
 * interval (R/2030-01-06T09:00:00Z/P7D, R12/P1D). An interval without a start counts from
 * the moment the recurring delivery was set up, as the engine's timer cycles do.
 */
sealed interface Schedule permits Schedule.Cron, Schedule.Interval {

	/** Steps walked at most to find the next occurrence of a calendar interval. */
	int MAX_STEPS = 1_000_000;

	/** The first occurrence strictly after the instant, if the schedule has one. */
	Optional<Instant> next(Instant after);

	/**
	 * When the occurrence after the due one would be due, even past the last repetition:
	 * the end of the due occurrence's window for confirmation.
	 */
	Instant following(Instant due);

	/**
	 * @param setUpAt when the recurring delivery was set up: the start (to the second) of
	 * an interval that names none; the engine keeps due dates to the millisecond, so that
	 * a finer start would find a due occurrence a fraction later than itself
	 * @throws IllegalArgumentException naming what is wrong
	 */
	static Schedule parse(String text, ZoneId zone, Instant setUpAt) {
		String trimmed = text.trim();
		if (trimmed.startsWith("R")) {
			return Interval.parse(trimmed, zone, setUpAt.truncatedTo(ChronoUnit.SECONDS));
		}
		try {
			return new Cron(CronExpression.parse(trimmed), zone);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + trimmed + "' is neither a 6-field cron expression (seconds "
					+ "first, such as 0 0 9 * * MON) nor an ISO-8601 repeating interval (such as "
					+ "R/2030-01-06T09:00:00Z/P7D): " + ex.getMessage());
		}
	}

	record Cron(CronExpression expression, ZoneId zone) implements Schedule {

		@Override
		public Optional<Instant> next(Instant after) {
			ZonedDateTime next = this.expression.next(after.atZone(this.zone));
			return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
		}

		@Override
		public Instant following(Instant due) {
			return next(due).orElse(due);
		}

	}

	/**
	 * @param first the first occurrence's index: 0 when the interval names its start, 1
	 * when it counts from the set-up
	 * @param repetitions how many occurrences, or -1 for no end
	 */
	record Interval(ZonedDateTime base, IsoPeriod step, int first, long repetitions) implements Schedule {

		private static final Pattern SYNTAX = Pattern.compile("R(\\d*)/([^/]+)(?:/([^/]+))?");

		static Interval parse(String text, ZoneId zone, Instant setUpAt) {
			Matcher m = SYNTAX.matcher(text);
			if (!m.matches()) {
				throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 repeating interval such as "
						+ "R/2030-01-06T09:00:00Z/P7D or R12/P1D");
			}
			long repetitions = m.group(1).isEmpty() ? -1 : Long.parseLong(m.group(1));
			if (repetitions == 0) {
				throw new IllegalArgumentException("'" + text + "' repeats 0 times");
			}
			if (m.group(3) == null) {
				return new Interval(setUpAt.atZone(zone), step(m.group(2)), 1, repetitions);
			}
			ZonedDateTime start;
			try {
				start = OffsetDateTime.parse(m.group(2)).atZoneSameInstant(zone);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("'" + text + "' must name its start as a date and time with "
						+ "offset, then the period between occurrences: R/2030-01-06T09:00:00Z/P7D");
			}
			return new Interval(start, step(m.group(3)), 0, repetitions);
		}

		private static IsoPeriod step(String text) {
			IsoPeriod step = IsoPeriod.parse(text);
			if (step.fixed() && step.duration().toSeconds() < 1) {
				throw new IllegalArgumentException("occurrences must be at least one second apart");
			}
			return step;
		}

		@Override
		public Optional<Instant> next(Instant after) {
			long n = firstAfter(after);
			if (this.repetitions >= 0 && n - this.first >= this.repetitions) {
				return Optional.empty();
			}
			return Optional.of(at(n));
		}

		@Override
		public Instant following(Instant due) {
			return at(firstAfter(due));
		}

		private Instant at(long n) {
			return this.step.times(this.base, n).toInstant();
		}

		/** The index of the first occurrence strictly after the instant. */
		private long firstAfter(Instant after) {
			long n = this.first;
			if (this.step.fixed()) {
				long elapsed = after.toEpochMilli() - this.base.toInstant().toEpochMilli();
				long stepMillis = this.step.duration().toMillis();
				n = Math.max(this.first, Math.floorDiv(elapsed, stepMillis));
			}
			for (int steps = 0; !at(n).isAfter(after); steps++, n++) {
				if (steps > MAX_STEPS) {
					throw new IllegalStateException("No occurrence of " + this + " within " + MAX_STEPS + " steps");
				}
			}
			return n;
		}

	}

}
