package org.campaigndelivery.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A delivery as stored.
 *
 * @param text the text part's template, or null to derive it from the personalised HTML
 * @param recurringId the recurring delivery this one is an occurrence of, or null
 * @param dueAt when the occurrence was due (null for a one-off delivery)
 * @param periodStart the start of the occurrence's aggregation period, or null
 * @param statusReason why it ended as it did, where the status alone does not say
 * @param tracking whether links are rewritten and an open pixel is added at relay
 * @param pausedAt when it was paused, while it is PAUSED
 * @param guard its own limits for the reputation guard
 * @param guardReleased a starter resumed it: the guard leaves it alone
 * @param logsPurgedAt when the cleanup process purged its sending logs, their events and
 * its exclusion logs (its KPI counters and exclusion counts stay); null while they are
 * kept
 */
public record Delivery(String id, String label, String sender, String subject, String html, String text,
		String audienceId, boolean emailFeedbackService, ApprovalMode approvalMode, OffsetDateTime contactDate,
		Duration validityPeriod, Duration retryPeriod, OffsetDateTime validUntil, DeliveryStatus status,
		String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt, String recurringId, OffsetDateTime dueAt,
		OffsetDateTime periodStart, String statusReason, boolean tracking, OffsetDateTime pausedAt, GuardLimits guard,
		boolean guardReleased, OffsetDateTime logsPurgedAt) {

	/**
	 * Statuses from which a starter can still stop the delivery: nothing is relayed yet,
	 * or not all of it.
	 */
	public boolean cancellable() {
		return DeliveryStatus.CANCELLED.enteredFrom().contains(this.status);
	}

	public boolean logsPurged() {
		return this.logsPurgedAt != null;
	}

}
