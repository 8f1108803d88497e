package org.campaigndelivery.api;

import java.time.Duration;

/**
 * Durations as people write them: whole days as days (P3DT12H), where Duration's own text
 * counts hours only (PT84H).
 */
public final class IsoDurations {

	private IsoDurations() {
	}

	public static String format(Duration duration) {
		long days = duration.toDays();
		if (days == 0 || duration.isNegative()) {
			return duration.toString();
		}
		Duration rest = duration.minusDays(days);
		return "P" + days + "D" + (rest.isZero() ? "" : rest.toString().substring(1));
	}

}
