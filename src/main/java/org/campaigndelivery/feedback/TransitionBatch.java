package org.campaigndelivery.feedback;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.campaigndelivery.kpi.KpiService;

/**
 * Transitions computed one after the other on the logs locked by one transaction, each on
 * the state the previous one left, then written verb by verb and counted into the KPIs
 * once per delivery.
 */
final class TransitionBatch {

	private final Map<Long, LogState> current = new HashMap<>();

	private final List<Transition> transitions = new ArrayList<>();

	TransitionBatch(List<LogState> locked) {
		for (LogState state : locked) {
			this.current.put(state.id(), state);
		}
	}

	LogState state(long logId) {
		return this.current.get(logId);
	}

	/**
	 * @return whether the transition happened
	 */
	boolean add(Optional<Transition> transition) {
		transition.ifPresent(t -> {
			this.transitions.add(t);
			this.current.put(t.to().id(), t.to());
		});
		return transition.isPresent();
	}

	void write(LogTransitionRepository repository, KpiService kpis) {
		// A log's n-th transition of the batch goes in round n, after the version round
		// n-1 wrote; within a round
		// every log is distinct, so its transitions go verb by verb in JDBC batches.
		Map<Long, Integer> seen = new HashMap<>();
		List<Map<Transition.Verb, List<Transition>>> rounds = new ArrayList<>();
		for (Transition t : this.transitions) {
			int round = seen.merge(t.from().id(), 1, Integer::sum) - 1;
			if (round == rounds.size()) {
				rounds.add(new EnumMap<>(Transition.Verb.class));
			}
			rounds.get(round).computeIfAbsent(t.verb(), v -> new ArrayList<>()).add(t);
		}
		rounds.forEach(round -> round.forEach((verb, run) -> write(repository, run)));
		Map<String, int[]> deltas = new HashMap<>();
		for (Transition t : this.transitions) {
			int[] d = deltas.computeIfAbsent(t.from().deliveryId(), id -> new int[3]);
			d[0] += t.sentDelta();
			d[1] += t.deliveredDelta();
			d[2] += t.failedDelta();
		}
		deltas.forEach((deliveryId, d) -> kpis.recordTransitions(deliveryId, d[0], d[1], d[2]));
	}

	private static void write(LogTransitionRepository repository, List<Transition> run) {
		if (run.isEmpty()) {
			return;
		}
		switch (run.get(0).verb()) {
			case RELAYED -> repository.markRelayed(run);
			case DELIVERED -> repository.markDelivered(run);
			case HARD_BOUNCED -> repository.markHardBounced(run);
			case SOFT_BOUNCED -> repository.markSoftBounced(run);
		}
	}

}
