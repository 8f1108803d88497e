package org.campaigndelivery.recurring;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.campaigndelivery.delivery.NewDelivery;

/**
 * A recurring delivery as stored.
 *
 * @param template what every occurrence copies: content, audience, approval mode,
 * feedback service, validity and retry periods (never recipients: they are in the
 * audience)
 * @param schedule a 6-field cron expression or an ISO-8601 repeating interval
 * @param until no occurrence is due after it; null for none
 * @param aggregationPeriod ISO-8601 duration grouping occurrences for reporting, or null
 * @param firstRun when the first occurrence was due; the start of the first aggregation
 * period
 * @param nextRun when the next occurrence is due; null once the schedule is over
 */
public record RecurringDelivery(String id, NewDelivery template, String schedule, ZoneId timeZone, OffsetDateTime until,
		String aggregationPeriod, boolean confirmBeforeSend, RecurringStatus status, OffsetDateTime firstRun,
		OffsetDateTime nextRun, String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		String cancelledBy) {

	Schedule parsedSchedule() {
		return Schedule.parse(this.schedule, this.timeZone, this.createdAt.toInstant());
	}

	/**
	 * The start of the aggregation period the due date falls in; null without periods.
	 */
	OffsetDateTime periodStart(OffsetDateTime due) {
		if (this.aggregationPeriod == null) {
			return null;
		}
		OffsetDateTime anchor = this.firstRun != null ? this.firstRun : due;
		IsoPeriod period = IsoPeriod.parse(this.aggregationPeriod);
		var base = anchor.atZoneSameInstant(this.timeZone);
		long n = 0;
		if (period.fixed()) {
			n = Math.max(0, Math.floorDiv(due.toInstant().toEpochMilli() - anchor.toInstant().toEpochMilli(),
					period.duration().toMillis()));
		}
		while (!period.times(base, n + 1).toInstant().isAfter(due.toInstant())) {
			n++;
		}
		return period.times(base, n).toOffsetDateTime();
	}

	OffsetDateTime periodEnd(OffsetDateTime periodStart) {
		return IsoPeriod.parse(this.aggregationPeriod)
			.times(periodStart.atZoneSameInstant(this.timeZone), 1)
			.toOffsetDateTime();
	}

}
