package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logs one transaction locked, and the transitions computed on them one after the
 * other, each on the state the previous one left. {@link SendingLogs#write} writes them
 * verb by verb and says how they move the KPI counters.
 */
public final class TransitionBatch {

	private final Map<Long, LogState> current = new HashMap<>();

	private final Map<String, Long> byMessageId;

	private final List<Transition> transitions = new ArrayList<>();

	private final Map<Long, OffsetDateTime> queuedAt;

	TransitionBatch(List<LogState> locked, Map<String, Long> byMessageId, Map<Long, OffsetDateTime> queuedAt) {
		for (LogState state : locked) {
			this.current.put(state.id(), state);
		}
		this.byMessageId = byMessageId;
		this.queuedAt = queuedAt;
	}

	/**
	 * When the locked log this Message-ID names was queued: the events about it are kept
	 * in the same month's partition. Null for none, or for a log queued before logs were
	 * partitioned.
	 */
	public OffsetDateTime queuedAtOf(String messageId) {
		Long logId = this.byMessageId.get(messageId);
		return (logId != null) ? this.queuedAt.get(logId) : null;
	}

	/**
	 * The log's state after the transitions so far; null when no locked log has the id.
	 */
	public LogState state(long logId) {
		return this.current.get(logId);
	}

	/** The locked log this Message-ID names; null for none. */
	public LogState stateOf(String messageId) {
		Long logId = this.byMessageId.get(messageId);
		return (logId != null) ? state(logId) : null;
	}

	/** The MTA took the message: its first relay, or a retry. */
	public boolean relayed(long logId, OffsetDateTime at, String messageId) {
		return add(LogStateMachine.relayed(state(logId), at, messageId));
	}

	public boolean delivered(long logId, OffsetDateTime at) {
		return add(LogStateMachine.delivered(state(logId), at));
	}

	public boolean bounced(long logId, FailureType type, FailureReason reason, OffsetDateTime at) {
		return add(LogStateMachine.bounced(state(logId), type, reason, at));
	}

	private boolean add(Optional<Transition> transition) {
		transition.ifPresent(t -> {
			this.transitions.add(t);
			this.current.put(t.to().id(), t.to());
		});
		return transition.isPresent();
	}

	/**
	 * A log's n-th transition of the batch goes in round n, after the version round n-1
	 * wrote; within a round every log is distinct, so its transitions go verb by verb in
	 * JDBC batches.
	 */
	List<CounterDelta> write(SendingLogRepository repository) {
		Map<Long, Integer> seen = new HashMap<>();
		List<Map<Transition.Verb, List<Transition>>> rounds = new ArrayList<>();
		for (Transition t : this.transitions) {
			int round = seen.merge(t.from().id(), 1, Integer::sum) - 1;
			if (round == rounds.size()) {
				rounds.add(new EnumMap<>(Transition.Verb.class));
			}
			rounds.get(round).computeIfAbsent(t.verb(), v -> new ArrayList<>()).add(t);
		}
		rounds.forEach(round -> round.forEach((verb, run) -> write(repository, verb, run, this.queuedAt)));
		Map<String, int[]> deltas = new HashMap<>();
		for (Transition t : this.transitions) {
			int[] d = deltas.computeIfAbsent(t.from().deliveryId(), id -> new int[4]);
			d[0] += t.sentDelta();
			d[1] += t.deliveredDelta();
			d[2] += t.failedDelta();
			d[3] += t.hardBouncedDelta();
		}
		List<CounterDelta> result = new ArrayList<>();
		deltas.forEach((deliveryId, d) -> result.add(new CounterDelta(deliveryId, d[0], d[1], d[2], d[3])));
		return result;
	}

	private static void write(SendingLogRepository repository, Transition.Verb verb, List<Transition> run,
			Map<Long, OffsetDateTime> queuedAt) {
		switch (verb) {
			case RELAYED -> repository.markRelayed(run);
			case DELIVERED, HARD_BOUNCED -> repository.markSettled(run, queuedAt);
			case SOFT_BOUNCED -> repository.markSoftBounced(run, queuedAt);
		}
	}

}
