package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;

/**
 * A sending log as the state machine sees it.
 *
 * @param version incremented by every transition; a transition applies only to the
 * version it was computed on
 * @param parkedEvents whether MTA events about the attempt in flight wait for its relay
 * to be recorded
 */
public record LogState(long id, String deliveryId, String recipient, boolean feedbackService, LogStatus status,
		RelayState relayState, FailureType failureType, FailureReason failureReason, int attempts,
		OffsetDateTime relayedAt, int version, boolean parkedEvents) {

	LogState with(LogStatus newStatus, RelayState newRelayState, FailureType newType, FailureReason newReason) {
		return new LogState(this.id, this.deliveryId, this.recipient, this.feedbackService, newStatus, newRelayState,
				newType, newReason, this.attempts, this.relayedAt, this.version + 1, this.parkedEvents);
	}

	/** The same log relayed once more, at the given time. */
	LogState relayed(OffsetDateTime at) {
		return new LogState(this.id, this.deliveryId, this.recipient, this.feedbackService, this.status,
				this.relayState, this.failureType, this.failureReason, this.attempts + 1, at, this.version, false);
	}

}
