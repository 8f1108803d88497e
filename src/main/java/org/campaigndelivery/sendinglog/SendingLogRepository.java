package org.campaigndelivery.sendinglog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.campaigndelivery.database.InLists;
import org.campaigndelivery.database.MonthlyPartitions;
import org.campaigndelivery.database.TableStatistics;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every statement on the sending logs: one per (delivery, recipient), created by
 * preparation, relayed by the lanes, moved by the relay's record and the MTA's events,
 * counted by Compute stats. A lane relays the logs of its slots (see {@link Slots}), so
 * lanes never compete for a row and a lane's job, re-run on any node, resumes where the
 * recorded logs end. Each transition is one statement per log, guarded by the version the
 * transition was computed on; the logs are locked first, so a guard that fails means a
 * bug or a lost lock, never a silent double count.
 */
@Repository
class SendingLogRepository {

	private static final String STATE = """
			select id, delivery_id, recipient, status, relay_state, failure_type, failure_reason, attempts, relayed_at,
			  version, message_id, parked_events, settled, queued_at
			from sending_log
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TableStatistics statistics;

	private final Clock clock;

	private final MonthlyPartitions partitions;

	private final LogMonths months;

	SendingLogRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TableStatistics statistics,
			MonthlyPartitions partitions, LogMonths months, Clock clock) {
		this.partitions = partitions;
		this.months = months;
		this.clock = clock;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.statistics = statistics;
	}

	/**
	 * Queues one sending log for every targeted recipient of the audience that
	 * preparation did not exclude, each in its slot.
	 */
	int queue(String deliveryId, String audienceId, OffsetDateTime at) {
		int queued = this.jdbc.sql("""
				insert into sending_log (delivery_id, member_id, recipient, status, relay_state, attempts, slot,
				  updated_at, queued_at)
				select :deliveryId, m.id, m.address, 'PENDING', 'QUEUED', 0, mod(m.id / :run, :slots), :at, :at
				from audience_member m
				where m.audience_id = :audienceId
				  and not exists (select 1 from exclusion e where e.delivery_id = :deliveryId and e.member_id = m.id)
				order by m.audience_id, m.line_no
				""")
			.param("deliveryId", deliveryId)
			.param("audienceId", audienceId)
			.param("run", Slots.RUN)
			.param("slots", Slots.COUNT)
			.param("at", at)
			.update();
		// The lanes' reads are planned on these statistics: on PostgreSQL those of the
		// month's partition, the other months' being unchanged.
		this.statistics.refreshAfterLoad(this.partitions.loadedInto("sending_log", at), queued);
		return queued;
	}

	/**
	 * Deletes the delivery's first logs, up to the limit.
	 * @return each with its Message-ID, for the events about it
	 */
	List<Keyed> purge(String deliveryId, int limit) {
		// in no order: what is read is deleted, so the next batch reads the next ones
		List<Row> rows = this.jdbc.sql(STATE + "where delivery_id = :id limit " + limit)
			.param("id", deliveryId)
			.query(SendingLogRepository::row)
			.list();
		if (!rows.isEmpty()) {
			this.jdbc.sql("delete from sending_log where id in " + InLists.numbers(rows.stream().map(Row::id).toList()))
				.update();
		}
		return keyed(rows);
	}

	long countPartition(String partition) {
		return this.jdbc.sql("select count(*) from " + partition).query(Long.class).single();
	}

	/** Forgets the logs of an interrupted preparation. */
	void delete(String deliveryId) {
		this.jdbc.sql("delete from sending_log where delivery_id = :id").param("id", deliveryId).update();
	}

	/**
	 * The next queued logs of these slots: first attempts, then retries. One query per
	 * (status, relay state, slot), so that the index (delivery, status, relay state,
	 * slot, id) hands the rows over in order, however large the delivery.
	 */
	List<QueuedMessage> nextBatch(String deliveryId, List<Integer> slots, int size) {
		List<QueuedMessage> batch = new ArrayList<>(size);
		String month = this.months.of(deliveryId);
		// A QUEUED log has never been relayed, so it is PENDING.
		// A retry may be in any status.
		collect(batch, deliveryId, month, List.of(LogStatus.PENDING), RelayState.QUEUED, slots, size);
		collect(batch, deliveryId, month, List.of(LogStatus.values()), RelayState.RETRY_QUEUED, slots, size);
		return batch;
	}

	private void collect(List<QueuedMessage> batch, String deliveryId, String month, List<LogStatus> statuses,
			RelayState relayState, List<Integer> slots, int size) {
		for (LogStatus status : statuses) {
			for (int slot : slots) {
				if (batch.size() == size) {
					return;
				}
				batch.addAll(queued(deliveryId, month, status, relayState, slot, size - batch.size()));
			}
		}
	}

	/**
	 * Two plain reads instead of a join: the slot's logs by the state index, then their
	 * recipients by primary key, so that neither depends on how the database would plan a
	 * join over a million rows. The order by names every column of the index, which is
	 * what lets H2 stop after the first rows instead of sorting the whole slot.
	 */
	private List<QueuedMessage> queued(String deliveryId, String month, LogStatus status, RelayState relayState,
			int slot, int size) {
		List<long[]> logs = new ArrayList<>();
		List<String[]> texts = new ArrayList<>();
		this.jdbc.sql("""
				select id, member_id, message_id, recipient from sending_log
				where delivery_id = :id and status = :status and relay_state = :state and slot = :slot%s
				order by delivery_id, status, relay_state, slot, id fetch first :size rows only
				""".formatted(month))
			.param("id", deliveryId)
			.param("status", status.name())
			.param("state", relayState.name())
			.param("slot", slot)
			.param("size", size)
			.query(rs -> {
				logs.add(new long[] { rs.getLong(1), rs.getLong(2) });
				texts.add(new String[] { rs.getString(3), rs.getString(4) });
			});
		if (logs.isEmpty()) {
			return List.of();
		}
		Map<Long, String[]> members = new HashMap<>();
		this.jdbc
			.sql("select id, first_name, last_name, attributes from audience_member where id in "
					+ InLists.numbers(logs.stream().map(l -> l[1]).toList()))
			.query(rs -> {
				members.put(rs.getLong(1), new String[] { rs.getString(2), rs.getString(3), rs.getString(4) });
			});
		List<QueuedMessage> batch = new ArrayList<>(logs.size());
		for (int i = 0; i < logs.size(); i++) {
			String[] member = members.getOrDefault(logs.get(i)[1], new String[3]);
			batch.add(new QueuedMessage(logs.get(i)[0], texts.get(i)[0], texts.get(i)[1], member[0], member[1],
					member[2]));
		}
		return batch;
	}

	/**
	 * Locks and reads the logs these Message-IDs name; unknown ids are absent. A log is
	 * found by the id its Message-ID carries, relayed or not, and only if the whole
	 * Message-ID is its own; a Message-ID of another shape is looked up as stored.
	 */
	List<Keyed> lockByMessageIds(Collection<String> messageIds) {
		Set<Long> named = new HashSet<>();
		messageIds.forEach(m -> MessageIds.logId(m).ifPresent(named::add));
		List<Keyed> found = new ArrayList<>();
		Set<String> left = new HashSet<>(messageIds);
		for (Keyed keyed : keyed(lockIds(named))) {
			if (left.remove(keyed.messageId())) {
				found.add(keyed);
			}
		}
		if (!left.isEmpty()) {
			List<Row> stored = this.jdbc.sql(STATE + "where message_id in (:ids) order by id for update")
				.param("ids", left)
				.query(SendingLogRepository::row)
				.list();
			for (Keyed keyed : keyed(stored)) {
				if (left.remove(keyed.messageId())) {
					found.add(keyed);
				}
			}
		}
		return found;
	}

	/** Locks and reads these logs. */
	List<Keyed> lockByIds(Collection<Long> ids) {
		return keyed(lockIds(ids));
	}

	/**
	 * On PostgreSQL the logs queued this month and the last first, in their partitions
	 * alone, and the older months only for the ids those did not hold: a relay is always
	 * recent, and most events come within days of it, so that the months kept for the
	 * retention period cost them nothing. Each part locks in the order of the ids.
	 */
	private List<Row> lockIds(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		String where = STATE + "where id in " + InLists.numbers(ids);
		if (!this.partitions.enabled()) {
			return this.jdbc.sql(where + " order by id for update").query(SendingLogRepository::row).list();
		}
		OffsetDateTime recent = MonthlyPartitions
			.start(YearMonth.from(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC)).minusMonths(1));
		List<Row> rows = new ArrayList<>(this.jdbc.sql(where + " and queued_at >= :recent order by id for update")
			.param("recent", recent)
			.query(SendingLogRepository::row)
			.list());
		if (rows.size() < ids.size()) {
			Set<Long> older = new HashSet<>(ids);
			rows.forEach((row) -> older.remove(row.id()));
			rows.addAll(this.jdbc
				.sql(STATE + "where id in " + InLists.numbers(older)
						+ " and (queued_at < :recent or queued_at is null) order by id for update")
				.param("recent", recent)
				.query(SendingLogRepository::row)
				.list());
		}
		return rows;
	}

	/**
	 * Each log with its Message-ID, the one it was sent with or, before its first relay,
	 * the one it will be sent with. What the logs' deliveries say is read apart, so that
	 * only logs are locked.
	 */
	private List<Keyed> keyed(List<Row> rows) {
		Set<String> deliveries = new HashSet<>();
		rows.forEach(r -> deliveries.add(r.deliveryId()));
		Map<String, Boolean> feedbackService = new HashMap<>();
		Map<String, String> sender = new HashMap<>();
		if (!deliveries.isEmpty()) {
			this.jdbc.sql("select id, email_feedback_service, sender from delivery where id in (:ids)")
				.param("ids", deliveries)
				.query(rs -> {
					feedbackService.put(rs.getString(1), rs.getBoolean(2));
					sender.put(rs.getString(1), rs.getString(3));
				});
		}
		return rows.stream()
			.map(r -> new Keyed(
					(r.messageId() != null) ? r.messageId()
							: MessageIds.of(r.id(), r.deliveryId(), sender.get(r.deliveryId())),
					r.state(feedbackService.get(r.deliveryId())), r.queuedAt()))
			.toList();
	}

	/** Events about these logs' attempts in flight wait for the relay to be recorded. */
	void markParked(Collection<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("update sending_log set parked_events = true where id in " + InLists.numbers(ids)).update();
		}
	}

	void markRelayed(List<Transition> transitions) {
		run("""
				update sending_log set status = ?, relay_state = 'RELAYED', message_id = coalesce(?, message_id),
				  attempts = attempts + 1, relayed_at = ?, parked_events = false, version = version + 1, updated_at = ?
				where id = ? and version = ?
				""", transitions, (ps, t) -> {
			ps.setString(1, t.to().status().name());
			ps.setString(2, stored(t.messageId(), t.from().id()));
			ps.setObject(3, t.at());
			ps.setObject(4, t.at());
			ps.setLong(5, t.from().id());
			ps.setInt(6, t.from().version());
		});
	}

	/**
	 * The Message-ID to store at a first relay: none when it is the one
	 * {@link MessageIds} makes of the log, which is known without it. Storing it rewrote
	 * the Message-ID index at every first relay, a good part of the cost of recording a
	 * batch on H2.
	 */
	private static String stored(String messageId, long logId) {
		return (messageId != null && MessageIds.logId(messageId).orElse(-1) == logId) ? null : messageId;
	}

	/**
	 * Delivered or hard-bounced: the message is settled.
	 * @param queuedAt when each log was queued, where known: the month partition it is in
	 */
	void markSettled(List<Transition> transitions, Map<Long, OffsetDateTime> queuedAt) {
		writeOutcome(transitions, queuedAt, false);
	}

	void markSoftBounced(List<Transition> transitions, Map<Long, OffsetDateTime> queuedAt) {
		writeOutcome(transitions, queuedAt, true);
	}

	/**
	 * Writes the state {@link LogStateMachine} computed for each log, as it computed it:
	 * no status is written here that the state machine did not return. A settled log
	 * (DONE) keeps relay_state RELAYED and is marked settled.
	 * @param softBounce whether the wait for the next retry wave starts
	 */
	private void writeOutcome(List<Transition> transitions, Map<Long, OffsetDateTime> queuedAt, boolean softBounce) {
		if (this.partitions.enabled()) {
			Map<Optional<OffsetDateTime>, List<Transition>> byMonth = new HashMap<>();
			for (Transition t : transitions) {
				byMonth.computeIfAbsent(Optional.ofNullable(queuedAt.get(t.from().id())), (q) -> new ArrayList<>())
					.add(t);
			}
			byMonth.forEach((queued, run) -> writeOutcomeAtOnce(run, queued.orElse(null), softBounce));
			return;
		}
		run("update sending_log set status = ?, relay_state = ?, settled = ?, failure_type = ?, failure_reason = ?,"
				+ " last_event_at = ?, version = version + 1, updated_at = ?"
				+ (softBounce ? ", soft_bounced_at = ?" : ", soft_bounced_at = soft_bounced_at")
				+ " where id = ? and version = ?", transitions, (ps, t) -> {
					LogState to = t.to();
					boolean settled = to.relayState() == RelayState.DONE;
					ps.setString(1, to.status().name());
					ps.setString(2, settled ? RelayState.RELAYED.name() : to.relayState().name());
					ps.setBoolean(3, settled);
					ps.setString(4, (to.failureType() == null) ? null : to.failureType().name());
					ps.setString(5, (to.failureReason() == null) ? null : to.failureReason().name());
					ps.setObject(6, t.at());
					ps.setObject(7, OffsetDateTime.now(this.clock));
					int next = 8;
					if (softBounce) {
						ps.setObject(next++, t.at());
					}
					ps.setLong(next++, t.from().id());
					ps.setInt(next, t.from().version());
				});
	}

	/**
	 * The same in one statement on PostgreSQL, the logs' new states passed as arrays. One
	 * statement per log, as on H2, costs PostgreSQL the planning and the opening of every
	 * month's partition for each log: 0.035 ms a log, most of the intake's time in the
	 * database. The logs' queue time, written out, names their partition, so that the
	 * statement opens that one alone instead of looking for each log in every month kept.
	 * @param queuedAt when these logs were queued; null: before logs had months
	 */
	private void writeOutcomeAtOnce(List<Transition> transitions, OffsetDateTime queuedAt, boolean softBounce) {
		if (transitions.isEmpty()) {
			return;
		}
		int size = transitions.size();
		Long[] ids = new Long[size];
		Integer[] versions = new Integer[size];
		String[] statuses = new String[size];
		String[] relayStates = new String[size];
		Boolean[] settled = new Boolean[size];
		String[] failureTypes = new String[size];
		String[] failureReasons = new String[size];
		String[] at = new String[size];
		for (int i = 0; i < size; i++) {
			Transition t = transitions.get(i);
			LogState to = t.to();
			ids[i] = t.from().id();
			versions[i] = t.from().version();
			statuses[i] = to.status().name();
			settled[i] = to.relayState() == RelayState.DONE;
			relayStates[i] = settled[i] ? RelayState.RELAYED.name() : to.relayState().name();
			failureTypes[i] = (to.failureType() == null) ? null : to.failureType().name();
			failureReasons[i] = (to.failureReason() == null) ? null : to.failureReason().name();
			at[i] = t.at().toString();
		}
		String now = OffsetDateTime.now(this.clock).toString();
		List<Long> written = this.jdbcTemplate.query((connection) -> {
			var statement = connection.prepareStatement("""
					update sending_log s set status = v.status, relay_state = v.relay_state, settled = v.settled,
					  failure_type = v.failure_type, failure_reason = v.failure_reason, last_event_at = v.at,
					  version = s.version + 1, updated_at = cast(? as timestamptz),
					  soft_bounced_at = case when ? then v.at else s.soft_bounced_at end
					from unnest(cast(? as bigint[]), cast(? as integer[]), cast(? as text[]), cast(? as text[]),
					  cast(? as boolean[]), cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]))
					  as v(id, version, status, relay_state, settled, failure_type, failure_reason, at)
					where s.id = v.id and s.version = v.version and s.queued_at %s
					returning s.id
					""".formatted(LogMonths.queuedIs(queuedAt)));
			statement.setString(1, now);
			statement.setBoolean(2, softBounce);
			statement.setArray(3, connection.createArrayOf("bigint", ids));
			statement.setArray(4, connection.createArrayOf("integer", versions));
			statement.setArray(5, connection.createArrayOf("text", statuses));
			statement.setArray(6, connection.createArrayOf("text", relayStates));
			statement.setArray(7, connection.createArrayOf("boolean", settled));
			statement.setArray(8, connection.createArrayOf("text", failureTypes));
			statement.setArray(9, connection.createArrayOf("text", failureReasons));
			statement.setArray(10, connection.createArrayOf("text", at));
			return statement;
		}, (rs, rowNum) -> rs.getLong(1));
		if (written.size() != size) {
			Set<Long> stale = new HashSet<>(List.of(ids));
			stale.removeAll(written);
			throw new ConcurrencyFailureException("Sending logs " + stale + " changed while locked");
		}
	}

	/**
	 * Counts each warning on its log and keeps the latest one, whatever order they come
	 * in; the log's version stays, so no transition computed meanwhile is refused.
	 */
	void recordWarnings(List<SendingLogs.Warning> warnings) {
		if (warnings.isEmpty()) {
			return;
		}
		this.jdbcTemplate.batchUpdate("""
				update sending_log set delay_warnings = delay_warnings + 1,
				  delay_notice = case when delayed_at is null or delayed_at <= ? then ? else delay_notice end,
				  delayed_at = case when delayed_at is null or delayed_at <= ? then ? else delayed_at end
				where id = ?""", warnings, 1000, (ps, w) -> {
			ps.setObject(1, w.at());
			ps.setString(2, w.notice());
			ps.setObject(3, w.at());
			ps.setObject(4, w.at());
			ps.setLong(5, w.logId());
		});
	}

	/**
	 * The first spam report of each log; a log reported before is left as it is.
	 * @return per delivery, how many logs were reported for the first time
	 */
	Map<String, Integer> recordComplaints(List<SendingLogs.Complaint> complaints) {
		Map<String, Integer> first = new HashMap<>();
		if (complaints.isEmpty()) {
			return first;
		}
		int[][] updated = this.jdbcTemplate.batchUpdate(
				"update sending_log set complained_at = ? where id = ? and complained_at is null", complaints, 1000,
				(ps, c) -> {
					ps.setObject(1, c.at());
					ps.setLong(2, c.logId());
				});
		int i = 0;
		for (int[] chunk : updated) {
			for (int rows : chunk) {
				if (rows > 0) {
					first.merge(complaints.get(i).deliveryId(), 1, Integer::sum);
				}
				i++;
			}
		}
		return first;
	}

	/** Puts every soft-bounced log of the delivery in the retry wave that starts now. */
	int queueRetryWave(String deliveryId, OffsetDateTime at) {
		int queued = 0;
		for (LogStatus status : LogStatus.values()) {
			queued += this.jdbc.sql("""
					update sending_log set relay_state = 'RETRY_QUEUED', version = version + 1, updated_at = :at
					where delivery_id = :id and status = :status and relay_state = 'AWAITING_RETRY'
					""").param("id", deliveryId).param("status", status.name()).param("at", at).update();
		}
		return queued;
	}

	/**
	 * The validity period is over: every message still waiting on a retry fails.
	 * @return how many of them were Sent until now (without the Email Feedback Service)
	 */
	int expireSent(String deliveryId, OffsetDateTime at) {
		return expire(deliveryId, List.of(LogStatus.SENT), true, at);
	}

	/**
	 * The same for the messages already Failed (with the Email Feedback Service): final,
	 * counters unchanged.
	 */
	int expireFailed(String deliveryId, OffsetDateTime at) {
		return expire(deliveryId, List.of(LogStatus.PENDING, LogStatus.FAILED), false, at);
	}

	/**
	 * One statement per (status, relay state), each an equality on the leading columns of
	 * the state index, instead of one whose lists H2 would scan the whole delivery for.
	 */
	private int expire(String deliveryId, List<LogStatus> statuses, boolean fail, OffsetDateTime at) {
		String failing = fail ? "status = 'FAILED', " : "";
		int expired = 0;
		for (LogStatus status : statuses) {
			for (RelayState waiting : List.of(RelayState.AWAITING_RETRY, RelayState.RETRY_QUEUED)) {
				expired += this.jdbc.sql("update sending_log set " + failing + """
						relay_state = 'RELAYED', settled = true, version = version + 1, updated_at = :at
						where delivery_id = :id and status = :status and relay_state = :waiting
						""")
					.param("id", deliveryId)
					.param("status", status.name())
					.param("waiting", waiting.name())
					.param("at", at)
					.update();
			}
		}
		return expired;
	}

	private void run(String sql, List<Transition> transitions,
			ParameterizedPreparedStatementSetter<Transition> setter) {
		if (transitions.isEmpty()) {
			return;
		}
		int[][] counts = this.jdbcTemplate.batchUpdate(sql, transitions, 1000, setter);
		List<Long> stale = new ArrayList<>();
		int index = 0;
		for (int[] chunk : counts) {
			for (int count : chunk) {
				if (count == 0) {
					stale.add(transitions.get(index).from().id());
				}
				index++;
			}
		}
		if (!stale.isEmpty()) {
			throw new ConcurrencyFailureException("Sending logs " + stale + " changed while locked");
		}
	}

	Optional<String> messageIdOf(long logId) {
		List<Row> rows = this.jdbc.sql(STATE + "where id = :id")
			.param("id", logId)
			.query(SendingLogRepository::row)
			.list();
		return keyed(rows).stream().map(Keyed::messageId).findFirst();
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		String type = rs.getString("failure_type");
		String reason = rs.getString("failure_reason");
		return new Row(rs.getString("message_id"), rs.getString("delivery_id"), rs.getLong("id"),
				rs.getString("recipient"), LogStatus.valueOf(rs.getString("status")),
				rs.getBoolean("settled") ? RelayState.DONE : RelayState.valueOf(rs.getString("relay_state")),
				type == null ? null : FailureType.valueOf(type), reason == null ? null : FailureReason.valueOf(reason),
				rs.getInt("attempts"), rs.getObject("relayed_at", OffsetDateTime.class), rs.getInt("version"),
				rs.getBoolean("parked_events"), rs.getObject("queued_at", OffsetDateTime.class));
	}

	private record Row(String messageId, String deliveryId, long id, String recipient, LogStatus status,
			RelayState relayState, FailureType failureType, FailureReason failureReason, int attempts,
			OffsetDateTime relayedAt, int version, boolean parkedEvents, OffsetDateTime queuedAt) {

		LogState state(boolean feedbackService) {
			return new LogState(this.id, this.deliveryId, this.recipient, feedbackService, this.status, this.relayState,
					this.failureType, this.failureReason, this.attempts, this.relayedAt, this.version,
					this.parkedEvents);
		}

	}

	/**
	 * @param queuedAt the partition key of the log's month (PostgreSQL); null for a log
	 * queued before logs were partitioned
	 */
	record Keyed(String messageId, LogState state, OffsetDateTime queuedAt) {
	}

}
