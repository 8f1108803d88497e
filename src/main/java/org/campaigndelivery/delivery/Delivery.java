package org.campaigndelivery.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;

/** A delivery as stored. */
public record Delivery(String id, String label, String sender, String subject, String html, String audienceId,
		boolean emailFeedbackService, ApprovalMode approvalMode, OffsetDateTime contactDate, Duration validityPeriod,
		Duration retryPeriod, OffsetDateTime validUntil, DeliveryStatus status, String createdBy,
		OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
