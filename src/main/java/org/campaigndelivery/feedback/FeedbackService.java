package org.campaigndelivery.feedback;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.quarantine.AddressEvent;
import org.campaigndelivery.quarantine.QuarantineService;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sending logs' state machine at work: what the relay and the MTA say moves each log
 * and, in the same transaction, the KPI counters and the address's quarantine status.
 */
@Service
public class FeedbackService {

	private static final int ATTEMPTS = 3;

	private final LogTransitionRepository logs;

	private final MtaEventRepository events;

	private final KpiService kpis;

	private final QuarantineService quarantine;

	private final TransactionTemplate ownTransaction;

	FeedbackService(LogTransitionRepository logs, MtaEventRepository events, KpiService kpis,
			QuarantineService quarantine, PlatformTransactionManager transactionManager) {
		this.logs = logs;
		this.events = events;
		this.kpis = kpis;
		this.quarantine = quarantine;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Records a relay, in a transaction of its own so that what the MTA took stays
	 * recorded whatever happens to the caller. A refused recipient counts as relayed and
	 * bounced at once: 5xx hard, 4xx soft. Events that arrived about these attempts
	 * before this record are applied now, as if they had come right after it.
	 */
	public void recordRelay(List<RelayOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		retrying(() -> {
			TransitionBatch batch = new TransitionBatch(
					this.logs.lockByIds(outcomes.stream().map(RelayOutcome::logId).toList()));
			List<AddressEvent> addressEvents = new ArrayList<>();
			Map<String, Long> parkedOn = new HashMap<>();
			for (RelayOutcome outcome : outcomes) {
				LogState state = batch.state(outcome.logId());
				if (state == null) {
					continue;
				}
				if (state.parkedEvents()) {
					parkedOn.put(outcome.messageId(), outcome.logId());
				}
				if (!batch.add(LogStateMachine.relayed(state, outcome.at(), outcome.messageId()))) {
					continue;
				}
				if (outcome.refusal() != null) {
					Classification c = Classification.of(outcome.refusal(), null, true);
					batch.add(LogStateMachine.bounced(batch.state(outcome.logId()), c, outcome.at()));
					bounce(state.recipient(), c, outcome.at()).ifPresent(addressEvents::add);
				}
			}
			List<MtaEventRepository.Received> unparked = new ArrayList<>();
			for (MtaEventRepository.Received parked : this.events.parked(parkedOn.keySet())) {
				LogState state = batch.state(parkedOn.get(parked.event().messageId()));
				boolean applied = apply(batch, state, parked.event(), addressEvents);
				unparked.add(parked.resolved(applied));
			}
			batch.write(this.logs, this.kpis);
			this.quarantine.record(addressEvents);
			this.events.resolve(unparked);
			return null;
		});
	}

	/**
	 * Applies MTA events; each event once, whatever order and however often they arrive.
	 */
	public Receipt receive(List<MtaEvent> received) {
		return retrying(() -> receiveOnce(received));
	}

	/**
	 * Starts a retry wave: every soft-bounced log of the delivery is queued for the lanes
	 * again.
	 */
	public int startRetryWave(String deliveryId) {
		return this.logs.queueRetryWave(deliveryId, now());
	}

	/** The validity period is over: every message still waiting on a retry is Failed. */
	public void expireSoftBounces(String deliveryId) {
		retrying(() -> {
			OffsetDateTime now = now();
			int failedNow = this.logs.expireSent(deliveryId, now);
			this.logs.expireFailed(deliveryId, now);
			this.kpis.recordTransitions(deliveryId, 0, -failedNow, failedNow);
			return null;
		});
	}

	private Receipt receiveOnce(List<MtaEvent> received) {
		Map<String, MtaEvent> fresh = new LinkedHashMap<>();
		for (MtaEvent event : received) {
			fresh.putIfAbsent(event.key(), event);
		}
		int duplicates = received.size() - fresh.size();
		Set<String> known = this.events.existingKeys(fresh.keySet());
		fresh.keySet().removeAll(known);
		duplicates += known.size();

		Map<String, LogState> byMessageId = new HashMap<>();
		List<LogState> locked = new ArrayList<>();
		for (LogTransitionRepository.Keyed keyed : this.logs
			.lockByMessageIds(new HashSet<>(fresh.values().stream().map(MtaEvent::messageId).toList()))) {
			byMessageId.put(keyed.messageId(), keyed.state());
			locked.add(keyed.state());
		}
		TransitionBatch batch = new TransitionBatch(locked);
		List<AddressEvent> addressEvents = new ArrayList<>();
		List<MtaEventRepository.Received> recorded = new ArrayList<>();
		Set<Long> parkedOn = new HashSet<>();
		int unknown = 0;
		int parked = 0;
		List<Map.Entry<String, MtaEvent>> ordered = new ArrayList<>(fresh.entrySet());
		ordered.sort(Comparator.comparing(e -> e.getValue().at()));
		for (Map.Entry<String, MtaEvent> entry : ordered) {
			MtaEvent event = entry.getValue();
			LogState logged = byMessageId.get(event.messageId());
			MtaEventRepository.Outcome outcome;
			if (logged == null) {
				unknown++;
				outcome = MtaEventRepository.Outcome.UNKNOWN_MESSAGE;
			}
			else if (aboutAttemptInFlight(batch.state(logged.id()), event)) {
				parkedOn.add(logged.id());
				parked++;
				outcome = MtaEventRepository.Outcome.PARKED;
			}
			else {
				outcome = apply(batch, batch.state(logged.id()), event, addressEvents)
						? MtaEventRepository.Outcome.APPLIED : MtaEventRepository.Outcome.NO_CHANGE;
			}
			recorded.add(new MtaEventRepository.Received(entry.getKey(), event, outcome));
		}
		batch.write(this.logs, this.kpis);
		this.logs.markParked(parkedOn);
		this.quarantine.record(addressEvents);
		this.events.insert(recorded, now());
		return new Receipt(fresh.size() - unknown, unknown, duplicates, parked);
	}

	/**
	 * Whether the event may be about an attempt a lane is relaying but has not recorded
	 * yet: any event before the first relay is recorded, and a soft bounce while a retry
	 * is under way. Such an event waits for the record; whatever else it says cannot
	 * depend on which attempt it is about.
	 */
	private static boolean aboutAttemptInFlight(LogState state, MtaEvent event) {
		return state.relayState() == RelayState.QUEUED
				|| (state.relayState() == RelayState.RETRY_QUEUED && event.type() == MtaEvent.Type.SOFT_BOUNCE);
	}

	private boolean apply(TransitionBatch batch, LogState state, MtaEvent event, List<AddressEvent> addressEvents) {
		switch (event.type()) {
			case DELIVERED -> {
				addressEvents.add(new AddressEvent(state.recipient(), AddressEvent.Kind.DELIVERED, null, event.at()));
				return batch.add(LogStateMachine.delivered(state, event.at()));
			}
			case COMPLAINT -> {
				addressEvents.add(new AddressEvent(state.recipient(), AddressEvent.Kind.COMPLAINT, null, event.at()));
				return false;
			}
			default -> {
				Classification c = Classification.of(event.smtpStatus(), event.diagnostic(),
						event.type() == MtaEvent.Type.HARD_BOUNCE);
				bounce(state.recipient(), c, event.at()).ifPresent(addressEvents::add);
				return batch.add(LogStateMachine.bounced(state, c, event.at()));
			}
		}
	}

	/**
	 * What a bounce means for its address: out-of-office replies and the like never
	 * count.
	 */
	private static Optional<AddressEvent> bounce(String address, Classification c, OffsetDateTime at) {
		return switch (c.type()) {
			case HARD -> Optional.of(new AddressEvent(address, AddressEvent.Kind.HARD_BOUNCE, c.reason().name(), at));
			case SOFT -> Optional.of(new AddressEvent(address, AddressEvent.Kind.SOFT_BOUNCE, c.reason().name(), at));
			case IGNORED -> Optional.empty();
		};
	}

	/**
	 * Lock conflicts between concurrent batches are retried; each attempt is a
	 * transaction of its own.
	 */
	private <T> T retrying(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.ownTransaction.execute(tx -> work.get());
			}
			catch (ConcurrencyFailureException | DuplicateKeyException ex) {
				// another batch locked or inserted the same rows first: try again on what
				// it wrote
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	/**
	 * @param accepted new events about known messages
	 * @param unknown new events about messages no log has
	 * @param duplicates events received before, or twice in this batch
	 * @param parked of the accepted events, those kept until the relay of the attempt
	 * they are about is recorded
	 */
	public record Receipt(int accepted, int unknown, int duplicates, int parked) {
	}

}
