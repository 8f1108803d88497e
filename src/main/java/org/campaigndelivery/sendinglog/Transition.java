package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;

/**
 * One row of docs/domain.md's tables applied to one log: the verb, the state it applies
 * to and the state it leads to. The KPI counters move by what the status change says, so
 * they stay a pure function of the logs.
 *
 * @param messageId the Message-ID of a first relay; null for every other verb
 */
record Transition(Verb verb, LogState from, LogState to, OffsetDateTime at, String messageId) {

	enum Verb {

		RELAYED, DELIVERED, HARD_BOUNCED, SOFT_BOUNCED

	}

	int sentDelta() {
		return this.from.attempts() == 0 && this.to.attempts() > 0 ? 1 : 0;
	}

	int deliveredDelta() {
		return count(this.to.status() == LogStatus.SENT) - count(this.from.status() == LogStatus.SENT);
	}

	int failedDelta() {
		return count(this.to.status() == LogStatus.FAILED) - count(this.from.status() == LogStatus.FAILED);
	}

	/** A hard bounce is final: a log enters it once and never leaves it. */
	int hardBouncedDelta() {
		return count(this.to.failureType() == FailureType.HARD) - count(this.from.failureType() == FailureType.HARD);
	}

	private static int count(boolean condition) {
		return condition ? 1 : 0;
	}

}
