package org.campaigndelivery.recurring;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.campaigndelivery.delivery.ApprovalMode;

/**
 * An occurrence just created, with what its process needs to run it.
 *
 * @param confirmBy when the next occurrence is due: an occurrence still waiting for its
 * confirmation then is skipped
 * @param confirmBeforeSend whether a starter must confirm this occurrence
 */
public record PlannedOccurrence(String deliveryId, OffsetDateTime dueAt, OffsetDateTime confirmBy,
		ApprovalMode approvalMode, Duration retryPeriod, boolean confirmBeforeSend) {
}
