package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;

/**
 * A sending log as the Deployment view lists it.
 *
 * @param delayed the MTA's warnings that it still holds the message; null when none came
 */
public record LogView(String recipient, String messageId, LogStatus status, String failureType, String failureReason,
		int attempts, OffsetDateTime updatedAt, DelayWarning delayed) {
}
