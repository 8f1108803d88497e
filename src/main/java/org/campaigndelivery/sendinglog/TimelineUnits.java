package org.campaigndelivery.sendinglog;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Picks the grouping unit of a timeline from its span, and cumulates the counts. */
final class TimelineUnits {

	private TimelineUnits() {
	}

	static String unitFor(OffsetDateTime first, OffsetDateTime last) {
		Duration span = Duration.between(first, last);
		if (span.compareTo(Duration.ofMinutes(10)) <= 0) {
			return "SECOND";
		}
		if (span.compareTo(Duration.ofHours(12)) <= 0) {
			return "MINUTE";
		}
		if (span.compareTo(Duration.ofDays(30)) <= 0) {
			return "HOUR";
		}
		return "DAY";
	}

	/** counts: per unit start, in time order, {relayed, delivered, failed}. */
	static Timeline cumulate(String unit, Map<OffsetDateTime, long[]> counts) {
		List<Timeline.Point> points = new ArrayList<>(counts.size());
		long relayed = 0;
		long delivered = 0;
		long failed = 0;
		for (Map.Entry<OffsetDateTime, long[]> entry : counts.entrySet()) {
			relayed += entry.getValue()[0];
			delivered += entry.getValue()[1];
			failed += entry.getValue()[2];
			points.add(new Timeline.Point(entry.getKey(), relayed, delivered, failed));
		}
		return new Timeline(unit, List.copyOf(points));
	}

}
