package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogStateMachineTests {

	private static final OffsetDateTime RELAYED_AT = OffsetDateTime.of(2030, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC);

	private static final FailureType SOFT = FailureType.SOFT;

	private static final FailureType HARD = FailureType.HARD;

	@Test
	void shouldIgnoreASoftBounceOlderThanTheAttemptInFlight() {
		LogState retried = state(false, LogStatus.SENT, RelayState.RELAYED, FailureType.SOFT);

		assertThat(bounced(retried, SOFT, RELAYED_AT.minusMinutes(5))).isEmpty();
		assertThat(bounced(retried, SOFT, RELAYED_AT.plusMinutes(5))).isPresent();
	}

	@Test
	void shouldKeepADeliveredMessageDeliveredWithTheFeedbackService() {
		LogState delivered = state(true, LogStatus.SENT, RelayState.DONE, null);

		assertThat(bounced(delivered, HARD, RELAYED_AT.plusHours(1))).isEmpty();
		assertThat(bounced(delivered, SOFT, RELAYED_AT.plusHours(1))).isEmpty();
	}

	@Test
	void shouldFailASentMessageOnAHardBounceWithoutTheFeedbackService() {
		Transition t = bounced(state(false, LogStatus.SENT, RelayState.DONE, null), HARD, RELAYED_AT.plusHours(1))
			.orElseThrow();

		assertThat(t.to().status()).isEqualTo(LogStatus.FAILED);
		assertThat(t.deliveredDelta()).isEqualTo(-1);
		assertThat(t.failedDelta()).isEqualTo(1);
	}

	@Test
	void shouldNeverBringBackAHardBouncedMessage() {
		LogState hard = state(true, LogStatus.FAILED, RelayState.DONE, FailureType.HARD);

		assertThat(LogStateMachine.delivered(hard, RELAYED_AT.plusHours(1))).isEmpty();
		assertThat(bounced(hard, HARD, RELAYED_AT.plusHours(1))).isEmpty();
	}

	@Test
	void shouldCountARetryThatIsDeliveredAsDeliveredAndNoLongerFailed() {
		Transition t = LogStateMachine
			.delivered(state(true, LogStatus.FAILED, RelayState.RELAYED, FailureType.SOFT), RELAYED_AT.plusHours(1))
			.orElseThrow();

		assertThat(t.deliveredDelta()).isEqualTo(1);
		assertThat(t.failedDelta()).isEqualTo(-1);
		assertThat(t.sentDelta()).isZero();
	}

	@Test
	void shouldCountOnlyTheFirstRelayAsSent() {
		LogState queued = new LogState(1, "d", "a@example.com", false, LogStatus.PENDING, RelayState.QUEUED, null, null,
				0, null, 0, false);
		Transition first = LogStateMachine.relayed(queued, RELAYED_AT, "<m@example.com>").orElseThrow();
		LogState awaiting = new LogState(1, "d", "a@example.com", false, LogStatus.SENT, RelayState.RETRY_QUEUED,
				FailureType.SOFT, FailureReason.MAILBOX_FULL, 1, RELAYED_AT, 3, false);
		Transition retry = LogStateMachine.relayed(awaiting, RELAYED_AT.plusHours(1), null).orElseThrow();

		assertThat(first.sentDelta()).isEqualTo(1);
		assertThat(first.deliveredDelta()).isEqualTo(1);
		assertThat(retry.sentDelta()).isZero();
		assertThat(retry.to().attempts()).isEqualTo(2);
		assertThat(retry.to().relayState()).isEqualTo(RelayState.RELAYED);
	}

	@Test
	void shouldCountASoftBounceStampedInTheSecondOfTheAttemptForThatAttempt() {
		LogState relayed = new LogState(1, "d", "a@example.com", false, LogStatus.SENT, RelayState.RELAYED, null, null,
				1, RELAYED_AT.plusNanos(750_000_000), 1, false);

		assertThat(bounced(relayed, SOFT, RELAYED_AT)).isPresent();
		assertThat(bounced(relayed, SOFT, RELAYED_AT.minusNanos(1))).isEmpty();
	}

	private static Optional<Transition> bounced(LogState s, FailureType type, OffsetDateTime at) {
		return LogStateMachine.bounced(s, type,
				(type == FailureType.HARD) ? FailureReason.USER_UNKNOWN : FailureReason.MAILBOX_FULL, at);
	}

	private static LogState state(boolean feedbackService, LogStatus status, RelayState relayState,
			FailureType failureType) {
		return new LogState(1, "d", "a@example.com", feedbackService, status, relayState, failureType,
				failureType == null ? null : FailureReason.MAILBOX_FULL, 1, RELAYED_AT, 2, false);
	}

}
