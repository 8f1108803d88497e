package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.MonthlyPartitions;
import org.campaigndelivery.database.OwnTransactions;

import org.springframework.stereotype.Service;

/**
 * The sending logs, one per (delivery, recipient), and docs/domain.md's state machine on
 * them. The only way to the sending_log table: preparation queues logs here, the lanes
 * take their batches, feedback moves the logs through a {@link TransitionBatch}, retry
 * queues waves and expires them, Compute stats counts them.
 */
@Service
public class SendingLogs {

	private final SendingLogRepository repository;

	private final SendingLogReads reads;

	private final MonthlyPartitions partitions;

	private final OwnTransactions transactions;

	SendingLogs(SendingLogRepository repository, SendingLogReads reads, MonthlyPartitions partitions,
			OwnTransactions transactions) {
		this.repository = repository;
		this.reads = reads;
		this.partitions = partitions;
		this.transactions = transactions;
	}

	/**
	 * Queues a log for every member of the audience that preparation did not exclude.
	 * @return how many
	 */
	public int queue(String deliveryId, String audienceId, OffsetDateTime at) {
		return this.repository.queue(deliveryId, audienceId, at);
	}

	/**
	 * Makes sure logs queued at the given time have their month's partition; called
	 * before the caller's transaction touches any log.
	 */
	public void openMonthOf(OffsetDateTime at) {
		this.partitions.ensureMonthOf(at);
	}

	/** How many logs were queued in the month, all of which its partition holds. */
	public long countMonth(YearMonth month) {
		return this.repository.countPartition(this.partitions.partition("sending_log", month));
	}

	/**
	 * Deletes the first logs of an ended delivery, up to the limit, for the cleanup
	 * process.
	 * @return the logs deleted, for the events about them
	 */
	public List<PurgedLog> purge(String deliveryId, int limit) {
		return this.repository.purge(deliveryId, limit)
			.stream()
			.map((k) -> new PurgedLog(k.state().id(), k.messageId()))
			.toList();
	}

	/** A sending log the cleanup process deleted. */
	public record PurgedLog(long id, String messageId) {
	}

	/** Forgets the logs of an interrupted preparation, so that it can run again. */
	public void forget(String deliveryId) {
		this.repository.delete(deliveryId);
	}

	/**
	 * The next logs of these slots a lane relays: first attempts, then retries. Read in a
	 * transaction of its own, so that the lane's job, which relays them and records the
	 * relay in another, holds no lock on the logs meanwhile: the cleanup's detach of a
	 * month would wait for that job, and the record for the detach.
	 */
	public List<QueuedMessage> nextBatch(String deliveryId, List<Integer> slots, int size) {
		return this.transactions.retrying(() -> this.repository.nextBatch(deliveryId, slots, size));
	}

	/** Locks these logs for the transitions of the current transaction. */
	public TransitionBatch lock(Collection<Long> logIds) {
		return batch(this.repository.lockByIds(logIds));
	}

	/**
	 * Locks the logs these Message-IDs name, relayed or not, for the transitions of the
	 * current transaction; unknown Message-IDs name none.
	 */
	public TransitionBatch lockByMessageIds(Collection<String> messageIds) {
		return batch(this.repository.lockByMessageIds(messageIds));
	}

	private static TransitionBatch batch(List<SendingLogRepository.Keyed> locked) {
		Map<String, Long> byMessageId = new HashMap<>();
		Map<Long, OffsetDateTime> queuedAt = new HashMap<>();
		locked.forEach(k -> {
			byMessageId.put(k.messageId(), k.state().id());
			if (k.queuedAt() != null) {
				queuedAt.put(k.state().id(), k.queuedAt());
			}
		});
		return new TransitionBatch(locked.stream().map(SendingLogRepository.Keyed::state).toList(), byMessageId,
				queuedAt);
	}

	/**
	 * Writes the batch's transitions.
	 * @return how they move each delivery's KPI counters
	 */
	public List<CounterDelta> write(TransitionBatch batch) {
		return batch.write(this.repository);
	}

	/**
	 * Events about these locked logs' attempts in flight wait for the relay to be
	 * recorded.
	 */
	public void markParked(Collection<Long> logIds) {
		this.repository.markParked(logIds);
	}

	/**
	 * Records on each log the MTA's warning that it still holds the message; the log's
	 * status, relay state and version stay as they are.
	 */
	public void recordWarnings(List<Warning> warnings) {
		this.repository.recordWarnings(warnings);
	}

	/**
	 * Records each log's first spam report.
	 * @return per delivery, how many logs were reported for the first time
	 */
	public Map<String, Integer> recordComplaints(List<Complaint> complaints) {
		return this.repository.recordComplaints(complaints);
	}

	/** A recipient's report of a log's message as spam. */
	public record Complaint(long logId, String deliveryId, OffsetDateTime at) {

	}

	/**
	 * The MTA's word that it still holds a log's message and keeps trying.
	 *
	 * @param smtpStatus the reply code and enhanced status it gave, if any
	 */
	public record Warning(long logId, OffsetDateTime at, String smtpStatus, String diagnostic) {

		/**
		 * What the log shows of it: "450 4.2.2 mailbox full"; the diagnostic alone where
		 * it repeats the status.
		 */
		String notice() {
			String status = (this.smtpStatus == null) ? "" : this.smtpStatus.strip();
			String diagnostic = (this.diagnostic == null) ? "" : this.diagnostic.strip();
			String text = (!status.isEmpty() && diagnostic.contains(status)) ? diagnostic
					: (status + " " + diagnostic).strip();
			return text.isEmpty() ? "delayed" : (text.length() <= 1000) ? text : text.substring(0, 1000);
		}

	}

	/**
	 * Queues every soft-bounced log of the delivery for the lanes again.
	 * @return how many
	 */
	public int queueRetryWave(String deliveryId, OffsetDateTime at) {
		return this.repository.queueRetryWave(deliveryId, at);
	}

	/**
	 * Every log of the delivery still waiting on a retry becomes final: Failed.
	 * @return how the KPI counters move
	 */
	public CounterDelta expire(String deliveryId, OffsetDateTime at) {
		int failedNow = this.repository.expireSent(deliveryId, at);
		this.repository.expireFailed(deliveryId, at);
		return new CounterDelta(deliveryId, 0, -failedNow, failedNow, 0);
	}

	/** Whether any of the delivery's messages waits for a lane yet. */
	public boolean anyQueued(String deliveryId) {
		return this.reads.anyQueued(deliveryId);
	}

	public LogCounts count(String deliveryId) {
		return this.reads.count(deliveryId);
	}

	/**
	 * A page of the delivery's logs, grouped by status (null for every status), then in
	 * the order the lanes relay them.
	 */
	public List<LogView> logs(String deliveryId, LogStatus status, Paging paging) {
		return this.reads.logs(deliveryId, status, paging);
	}

	/** The delivery's most frequent failures, most frequent first. */
	public List<FailureCount> failureReasons(String deliveryId, int limit) {
		return this.reads.failureReasons(deliveryId, limit);
	}

	/** Delivered and failed messages of the delivery over time, cumulated. */
	public Timeline timeline(String deliveryId) {
		return this.reads.timeline(deliveryId);
	}

	/**
	 * What personalises one recipient's message (the first recipient's when recipient is
	 * null), for a proof; empty when the delivery has no such log.
	 */
	public Optional<QueuedMessage> sample(String deliveryId, String recipient) {
		return this.reads.sample(deliveryId, recipient);
	}

	/**
	 * The Message-ID a log was sent with (or, before its first relay, will be), if the
	 * log exists: how a report that names the log by other means finds the events' key.
	 */
	public Optional<String> messageIdOf(long logId) {
		return this.repository.messageIdOf(logId);
	}

	/** The address a log was sent to, if the log exists. */
	public Optional<String> recipientOf(long logId) {
		return this.reads.recipientOf(logId);
	}

	/**
	 * A page of every log of the address (as preparation normalised it), newest first:
	 * the recipient's history.
	 */
	public List<RecipientLog> history(String address, Paging paging) {
		return this.reads.history(address, paging);
	}

	/**
	 * The deliveries sending since before the time that relayed no message since then: a
	 * lane held by an MTA outage or an incident.
	 */
	public List<String> sendingWithoutRelaySince(OffsetDateTime since) {
		return this.reads.sendingWithoutRelaySince(since);
	}

}
