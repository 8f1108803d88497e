package org.campaigndelivery.delivery;

import java.time.OffsetDateTime;

import org.campaigndelivery.api.IsoDurations;
import org.campaigndelivery.kpi.Kpis;

/** A delivery as /api shows it. */
record DeliveryView(String id, String label, DeliveryStatus status, ApprovalMode approvalMode,
		boolean emailFeedbackService, String from, String subject, OffsetDateTime contactDate, String validityPeriod,
		String retryPeriod, OffsetDateTime validUntil, String createdBy, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, String statusReason, String recurringId, OffsetDateTime dueAt, boolean tracking,
		OffsetDateTime logsPurgedAt, Deployment deployment, KpiView kpis) {

	static DeliveryView of(Delivery d, Kpis k) {
		return new DeliveryView(d.id(), d.label(), d.status(), d.approvalMode(), d.emailFeedbackService(), d.sender(),
				d.subject(), d.contactDate(), IsoDurations.format(d.validityPeriod()),
				IsoDurations.format(d.retryPeriod()), d.validUntil(), d.createdBy(), d.createdAt(), d.updatedAt(),
				d.statusReason(), d.recurringId(), d.dueAt(), d.tracking(), d.logsPurgedAt(),
				new Deployment(k.toDeliver(), k.processed()), KpiView.of(k));
	}

	/** Progress while sending: processed out of to deliver. */
	record Deployment(int toDeliver, int processed) {
	}

	record KpiView(int toDeliver, int sent, int delivered, double deliveredRate, int bouncesAndErrors,
			double bouncesAndErrorsRate, int opens, double openRate, int clicks, double clickRate, int hardBounces,
			double hardBounceRate, int complaints, double complaintRate, OffsetDateTime computedAt) {

		static KpiView of(Kpis k) {
			return new KpiView(k.toDeliver(), k.sent(), k.delivered(), k.deliveredRate(), k.failed(),
					k.bouncesAndErrorsRate(), k.opens(), k.openRate(), k.clicks(), k.clickRate(), k.hardBounces(),
					k.hardBounceRate(), k.complaints(), k.complaintRate(), k.computedAt());
		}

	}

}
