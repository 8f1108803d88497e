package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;

/** A sending log as the Deployment view lists it. */
public record LogView(String recipient, String messageId, LogStatus status, String failureType, String failureReason,
		int attempts, OffsetDateTime updatedAt) {
}
