package org.campaigndelivery.feedback;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.QueryParameters;
import org.campaigndelivery.database.MonthlyPartitions;
import org.campaigndelivery.database.OwnTransactions;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.quarantine.AddressEvent;
import org.campaigndelivery.quarantine.QuarantineService;
import org.campaigndelivery.sendinglog.LogState;
import org.campaigndelivery.sendinglog.RelayState;
import org.campaigndelivery.sendinglog.SendingLogs;
import org.campaigndelivery.sendinglog.TransitionBatch;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * What the relay and the MTA say about each message moves its sending log and, in the
 * same transaction, the KPI counters and the address's quarantine status.
 */
@Service
public class FeedbackService {

	private final SendingLogs logs;

	private final MtaEventRepository events;

	private final KpiService kpis;

	private final QuarantineService quarantine;

	private final OwnTransactions transactions;

	private final FeedbackMetrics metrics;

	private final Clock clock;

	private final MonthlyPartitions partitions;

	FeedbackService(SendingLogs logs, MtaEventRepository events, KpiService kpis, QuarantineService quarantine,
			OwnTransactions transactions, FeedbackMetrics metrics, MonthlyPartitions partitions, Clock clock) {
		this.partitions = partitions;
		this.clock = clock;
		this.metrics = metrics;
		this.logs = logs;
		this.events = events;
		this.kpis = kpis;
		this.quarantine = quarantine;
		this.transactions = transactions;
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
		List<AddressEvent> recorded = this.transactions.retrying(() -> {
			TransitionBatch batch = this.logs.lock(outcomes.stream().map(RelayOutcome::logId).toList());
			List<AddressEvent> addressEvents = new ArrayList<>();
			List<Long> parkedOn = new ArrayList<>();
			for (RelayOutcome outcome : outcomes) {
				LogState state = batch.state(outcome.logId());
				if (state == null) {
					continue;
				}
				if (state.parkedEvents()) {
					parkedOn.add(outcome.logId());
				}
				if (!batch.relayed(outcome.logId(), outcome.at(), outcome.messageId())) {
					continue;
				}
				if (outcome.refusal() != null) {
					Classification c = Classification.of(outcome.refusal(), null, true);
					batch.bounced(outcome.logId(), c.type(), c.reason(), outcome.at());
					bounce(state.recipient(), c, outcome.at()).ifPresent(addressEvents::add);
				}
			}
			List<MtaEventRepository.Kept> unparked = new ArrayList<>();
			for (MtaEventRepository.Kept parked : this.events.parked(parkedOn)) {
				unparked.add(parked.resolved(apply(batch, parked.logId(), parked.event().event(), addressEvents)));
			}
			this.kpis.record(this.logs.write(batch));
			this.quarantine.record(addressEvents);
			this.events.resolve(unparked);
			return addressEvents;
		});
		this.metrics.bounced(recorded);
	}

	/**
	 * Applies MTA events; each event once, whatever order and however often they arrive.
	 */
	public Receipt receive(List<MtaEvent> received) {
		// Most batches hold no event received before: they are applied without looking
		// their keys up first, and an event already stored fails the batch's insert,
		// which is then applied again with the look-up.
		AtomicBoolean lookUp = new AtomicBoolean();
		Received done = this.transactions.retrying(() -> {
			try {
				return receiveOnce(received, lookUp.get());
			}
			catch (DuplicateKeyException ex) {
				lookUp.set(true);
				throw ex;
			}
		});
		this.metrics.received(received, done.receipt());
		this.metrics.bounced(done.addressEvents());
		return done.receipt();
	}

	private Received receiveOnce(List<MtaEvent> received, boolean lookUpKnown) {
		OffsetDateTime receivedAt = now();
		TransitionBatch batch = this.logs
			.lockByMessageIds(new HashSet<>(received.stream().map(MtaEvent::messageId).toList()));
		Map<UUID, MtaEvent> fresh = new LinkedHashMap<>();
		for (MtaEvent event : received) {
			if (event.at() != null) {
				fresh.putIfAbsent(event.key(), event);
			}
			else {
				fresh.putIfAbsent(keyOfUntimed(event, batch.stateOf(event.messageId())), event.at(receivedAt));
			}
		}
		int duplicates = received.size() - fresh.size();
		if (lookUpKnown) {
			Set<UUID> known = this.events.existingKeys(fresh.keySet());
			fresh.keySet().removeAll(known);
			duplicates += known.size();
		}

		List<AddressEvent> addressEvents = new ArrayList<>();
		List<MtaEventRepository.Received> recorded = new ArrayList<>();
		List<MtaEventRepository.Kept> parked = new ArrayList<>();
		List<MtaEventRepository.Kept> kept = new ArrayList<>();
		List<SendingLogs.Warning> warnings = new ArrayList<>();
		List<SendingLogs.Complaint> complaints = new ArrayList<>();
		int unknown = 0;
		List<Map.Entry<UUID, MtaEvent>> ordered = new ArrayList<>(fresh.entrySet());
		ordered.sort(Comparator.comparing(e -> e.getValue().at()));
		for (Map.Entry<UUID, MtaEvent> entry : ordered) {
			MtaEvent event = entry.getValue();
			LogState state = batch.stateOf(event.messageId());
			MtaEventRepository.Outcome outcome;
			if (state == null) {
				unknown++;
				outcome = MtaEventRepository.Outcome.UNKNOWN_MESSAGE;
			}
			else if (event.type() == MtaEvent.Type.DELAYED) {
				// Whichever attempt it is about, the MTA still holds that copy: the
				// log keeps its state and no retry wave sends the message again.
				warnings.add(new SendingLogs.Warning(state.id(), event.at(), event.smtpStatus(), event.diagnostic()));
				outcome = MtaEventRepository.Outcome.WARNING;
			}
			else if (aboutAttemptInFlight(state, event)) {
				outcome = MtaEventRepository.Outcome.PARKED;
			}
			else {
				if (event.type() == MtaEvent.Type.COMPLAINT) {
					complaints.add(new SendingLogs.Complaint(state.id(), state.deliveryId(), event.at()));
				}
				outcome = apply(batch, state.id(), event, addressEvents) ? MtaEventRepository.Outcome.APPLIED
						: MtaEventRepository.Outcome.NO_CHANGE;
			}
			MtaEventRepository.Received record = new MtaEventRepository.Received(entry.getKey(), event, outcome,
					batch.queuedAtOf(event.messageId()));
			recorded.add(record);
			if (outcome == MtaEventRepository.Outcome.PARKED) {
				parked.add(new MtaEventRepository.Kept(state.id(), record));
			}
			else if (outcome == MtaEventRepository.Outcome.UNKNOWN_MESSAGE) {
				kept.add(new MtaEventRepository.Kept(null, record));
			}
			else if (outcome == MtaEventRepository.Outcome.WARNING) {
				kept.add(new MtaEventRepository.Kept(state.id(), record));
			}
		}
		this.events.insert(recorded, receivedAt);
		this.kpis.record(this.logs.write(batch));
		this.quarantine.record(addressEvents);
		kept.addAll(parked);
		this.events.keep(kept);
		this.logs.markParked(parked.stream().map(MtaEventRepository.Kept::logId).distinct().toList());
		this.logs.recordWarnings(warnings);
		this.kpis.recordComplaints(this.logs.recordComplaints(complaints));
		return new Received(new Receipt(fresh.size() - unknown, unknown, duplicates, parked.size(), warnings.size()),
				addressEvents);
	}

	/**
	 * Deletes the events about these purged logs, for the cleanup process.
	 * @return how many
	 */
	public int purgeEventsAbout(List<SendingLogs.PurgedLog> logs) {
		return this.events.purgeAbout(logs.stream().map(SendingLogs.PurgedLog::id).toList(),
				logs.stream().map(SendingLogs.PurgedLog::messageId).toList());
	}

	/**
	 * Readies a month's events for their partition's drop, for the cleanup process: the
	 * events kept apart under its logs go.
	 */
	public void purgeKeptAboutMonth(YearMonth month) {
		this.events.purgeKeptAboutLogsQueued(MonthlyPartitions.start(month),
				MonthlyPartitions.start(month.plusMonths(1)));
	}

	/** How many events are about the logs queued in the month, all in its partition. */
	public long countMonth(YearMonth month) {
		return this.events.countPartition(this.partitions.partition("mta_event", month));
	}

	/**
	 * Deletes the first events about a Message-ID no log has, received before the given
	 * time, up to the limit, for the cleanup process.
	 * @return how many
	 */
	public int purgeUnmatchedEvents(OffsetDateTime receivedBefore, int limit) {
		return this.events.purgeUnmatchedBefore(receivedBefore, limit);
	}

	/**
	 * The events kept because they changed nothing (yet), newest first.
	 * @param outcome PARKED, UNKNOWN_MESSAGE or WARNING; null for all
	 */
	public List<KeptEvent> kept(String outcome, Paging paging) {
		return this.events.kept(QueryParameters.optionalEnum("outcome", outcome, KeptOutcome.class), paging);
	}

	/**
	 * An event that gives no time is about the attempt a lane is relaying, if one is, or
	 * else the last one recorded.
	 */
	private static UUID keyOfUntimed(MtaEvent event, LogState state) {
		if (state == null) {
			return event.keyAbout(0, 0);
		}
		boolean inFlight = state.relayState() == RelayState.QUEUED || state.relayState() == RelayState.RETRY_QUEUED;
		return event.keyAbout(state.id(), state.attempts() + (inFlight ? 1 : 0));
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

	private boolean apply(TransitionBatch batch, long logId, MtaEvent event, List<AddressEvent> addressEvents) {
		String recipient = batch.state(logId).recipient();
		switch (event.type()) {
			case DELIVERED -> {
				addressEvents.add(new AddressEvent(recipient, AddressEvent.Kind.DELIVERED, null, event.at()));
				return batch.delivered(logId, event.at());
			}
			case COMPLAINT -> {
				addressEvents.add(new AddressEvent(recipient, AddressEvent.Kind.COMPLAINT, null, event.at()));
				return false;
			}
			case DELAYED -> {
				return false;
			}
			default -> {
				Classification c = Classification.of(event.smtpStatus(), event.diagnostic(),
						event.type() == MtaEvent.Type.HARD_BOUNCE);
				bounce(recipient, c, event.at()).ifPresent(addressEvents::add);
				return batch.bounced(logId, c.type(), c.reason(), event.at());
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

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	private record Received(Receipt receipt, List<AddressEvent> addressEvents) {
	}

	/** The outcomes of events kept apart. */
	enum KeptOutcome {

		PARKED, UNKNOWN_MESSAGE, WARNING

	}

	/**
	 * An MTA event that changed nothing yet.
	 *
	 * @param outcome PARKED: waiting for the relay of the attempt it is about;
	 * UNKNOWN_MESSAGE: about a Message-ID no log has; WARNING: the MTA said it still
	 * holds the message (recorded on its log, which it leaves as it was)
	 */
	public record KeptEvent(String messageId, MtaEvent.Type type, String smtpStatus, String diagnostic,
			OffsetDateTime at, OffsetDateTime receivedAt, String outcome) {
	}

	/**
	 * @param accepted new events about known messages
	 * @param unknown new events about messages no log has
	 * @param duplicates events received before, or twice in this batch
	 * @param parked of the accepted events, those kept until the relay of the attempt
	 * they are about is recorded
	 * @param warnings of the accepted events, the warnings that the MTA still holds a
	 * message: recorded on its log, which they leave as it was
	 */
	public record Receipt(int accepted, int unknown, int duplicates, int parked, int warnings) {
	}

}
