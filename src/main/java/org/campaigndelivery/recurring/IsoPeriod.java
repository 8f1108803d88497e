package org.campaigndelivery.recurring;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * An ISO-8601 duration with calendar parts (P1W, P1M) as well as clock parts (PT10S,
 * P1DT12H), added in the recurring delivery's time zone: a day is a calendar day across a
 * change of daylight saving time.
 */
record IsoPeriod(Period period, Duration duration) {

	static IsoPeriod parse(String text) {
		try {
			int t = text.indexOf('T');
			Period period = t < 0 ? Period.parse(text) : t == 1 ? Period.ZERO : Period.parse(text.substring(0, t));
			Duration duration = t < 0 ? Duration.ZERO : Duration.parse("P" + text.substring(t));
			if (!period.isNegative() && !duration.isNegative() && (!period.isZero() || !duration.isZero())) {
				return new IsoPeriod(period, duration);
			}
		}
		catch (DateTimeParseException | StringIndexOutOfBoundsException ex) {
			// reported below
		}
		throw new IllegalArgumentException("'" + text + "' is not a positive ISO-8601 duration such as P7D or PT1H");
	}

	ZonedDateTime times(ZonedDateTime base, long n) {
		return base.plus(this.period.multipliedBy(Math.toIntExact(n))).plus(this.duration.multipliedBy(n));
	}

	/** Clock time only: the n-th step can be computed without walking the calendar. */
	boolean fixed() {
		return this.period.isZero();
	}

	@Override
	public String toString() {
		if (this.period.isZero()) {
			return this.duration.toString();
		}
		return this.duration.isZero() ? this.period.toString() : this.period + this.duration.toString().substring(1);
	}

}
