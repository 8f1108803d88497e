package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;

/**
 * One message of a recipient's history.
 *
 * @param relayedAt when its last attempt was relayed; null while it waits for a lane
 * @param delayed the MTA's warnings that it still holds the message; null when none came
 */
public record RecipientLog(long logId, String deliveryId, String messageId, LogStatus status, String failureType,
		String failureReason, int attempts, OffsetDateTime relayedAt, OffsetDateTime updatedAt, DelayWarning delayed) {
}
