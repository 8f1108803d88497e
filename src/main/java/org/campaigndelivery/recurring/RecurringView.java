package org.campaigndelivery.recurring;

import java.time.OffsetDateTime;
import java.util.List;

import org.campaigndelivery.api.IsoDurations;
import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.delivery.DeliveryStatus;
import org.campaigndelivery.kpi.Kpis;

/**
 * A recurring delivery as /api shows it: its schedule, its occurrences newest first and,
 * with an aggregation period, the figures of each period.
 */
record RecurringView(String id, String label, RecurringStatus status, String schedule, String timeZone,
		OffsetDateTime until, String aggregationPeriod, boolean confirmBeforeSend, String approvalMode,
		boolean emailFeedbackService, String audienceId, String validityPeriod, String retryPeriod,
		OffsetDateTime nextRun, String createdBy, OffsetDateTime createdAt, String cancelledBy,
		List<OccurrenceView> occurrences, List<PeriodView> periods) {

	static RecurringView of(RecurringDelivery r, List<OccurrenceView> occurrences, List<PeriodView> periods) {
		return new RecurringView(r.id(), r.template().label(), r.status(), r.schedule(), r.timeZone().getId(),
				r.until(), r.aggregationPeriod(), r.confirmBeforeSend(), r.template().approvalMode().name(),
				r.template().emailFeedbackService(), r.template().audienceId(),
				IsoDurations.format(r.template().validityPeriod()), IsoDurations.format(r.template().retryPeriod()),
				r.nextRun(), r.createdBy(), r.createdAt(), r.cancelledBy(), occurrences, periods);
	}

	/**
	 * One occurrence: AWAITING_CONFIRMATION, SKIPPED, CANCELLED or whatever status its
	 * delivery is in.
	 */
	record OccurrenceView(String deliveryId, OffsetDateTime dueAt, DeliveryStatus status, String statusReason,
			OffsetDateTime periodStart, int toDeliver, int sent, int delivered, double deliveredRate) {

		static OccurrenceView of(Delivery d, Kpis k) {
			return new OccurrenceView(d.id(), d.dueAt(), d.status(), d.statusReason(), d.periodStart(), k.toDeliver(),
					k.sent(), k.delivered(), k.deliveredRate());
		}

	}

	/** The occurrences of one aggregation period, reported together. */
	record PeriodView(OffsetDateTime start, OffsetDateTime end, int occurrences, int toDeliver, int sent, int delivered,
			double deliveredRate, int bouncesAndErrors, double bouncesAndErrorsRate) {

		static PeriodView of(OffsetDateTime start, OffsetDateTime end, int occurrences, Kpis sum) {
			return new PeriodView(start, end, occurrences, sum.toDeliver(), sum.sent(), sum.delivered(),
					sum.deliveredRate(), sum.failed(), sum.bouncesAndErrorsRate());
		}

	}

}
