package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * docs/domain.md's two tables as transitions. Without the Email Feedback Service a
 * relayed message is Sent, a hard bounce or the end of the validity period fails it, and
 * a soft bounce only queues a retry. With it, a relayed message is Pending until the MTA
 * says delivered (Sent) or bounced (Failed), and a soft-bounced message whose retry is
 * delivered becomes Sent again. Anything else, including a duplicate or late event,
 * changes nothing.
 */
final class LogStateMachine {

	private LogStateMachine() {
	}

	/** The MTA took the message: a first relay, or a retry of a soft bounce. */
	static Optional<Transition> relayed(LogState s, OffsetDateTime at, String messageId) {
		if (s.relayState() == RelayState.QUEUED) {
			LogStatus status = s.feedbackService() ? LogStatus.PENDING : LogStatus.SENT;
			return Optional.of(new Transition(Transition.Verb.RELAYED, s,
					s.relayed(at).with(status, RelayState.RELAYED, null, null), at, messageId));
		}
		if (s.relayState() == RelayState.RETRY_QUEUED) {
			return Optional.of(new Transition(Transition.Verb.RELAYED, s,
					s.relayed(at).with(s.status(), RelayState.RELAYED, s.failureType(), s.failureReason()), at, null));
		}
		return Optional.empty();
	}

	static Optional<Transition> delivered(LogState s, OffsetDateTime at) {
		boolean open = s.relayState() == RelayState.RELAYED || s.relayState() == RelayState.AWAITING_RETRY
				|| s.relayState() == RelayState.RETRY_QUEUED;
		boolean deliverable = s.status() == LogStatus.SENT || s.status() == LogStatus.PENDING
				|| (s.status() == LogStatus.FAILED && s.failureType() == FailureType.SOFT);
		if (!open || !deliverable) {
			return Optional.empty();
		}
		return Optional.of(new Transition(Transition.Verb.DELIVERED, s,
				s.with(LogStatus.SENT, RelayState.DONE, null, null), at, null));
	}

	static Optional<Transition> bounced(LogState s, FailureType type, FailureReason reason, OffsetDateTime at) {
		return switch (type) {
			case HARD -> hardBounced(s, reason, at);
			case SOFT -> softBounced(s, reason, at);
			case IGNORED -> Optional.empty();
		};
	}

	private static Optional<Transition> hardBounced(LogState s, FailureReason reason, OffsetDateTime at) {
		if (s.relayState() == RelayState.QUEUED || s.failureType() == FailureType.HARD) {
			return Optional.empty();
		}
		// With the feedback service a message the MTA delivered stays delivered: Sent ->
		// Failed is no row of its table. Without it, Sent only means relayed, and a hard
		// bounce fails it.
		if (s.feedbackService() && s.status() == LogStatus.SENT) {
			return Optional.empty();
		}
		return Optional.of(new Transition(Transition.Verb.HARD_BOUNCED, s,
				s.with(LogStatus.FAILED, RelayState.DONE, FailureType.HARD, reason), at, null));
	}

	private static Optional<Transition> softBounced(LogState s, FailureReason reason, OffsetDateTime at) {
		// Only the attempt in flight can soft-bounce; a bounce older than its relay is
		// about an earlier attempt. Reports carry whole seconds: one stamped in the
		// second
		// the attempt began is about that attempt.
		if (s.relayState() != RelayState.RELAYED || (s.relayedAt() != null && seconds(at) < seconds(s.relayedAt()))) {
			return Optional.empty();
		}
		if (s.feedbackService() && s.status() == LogStatus.SENT) {
			return Optional.empty();
		}
		LogStatus status = s.feedbackService() ? LogStatus.FAILED : LogStatus.SENT;
		return Optional.of(new Transition(Transition.Verb.SOFT_BOUNCED, s,
				s.with(status, RelayState.AWAITING_RETRY, FailureType.SOFT, reason), at, null));
	}

	private static long seconds(OffsetDateTime at) {
		return at.toEpochSecond();
	}

}
