package org.campaigndelivery.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.campaigndelivery.sendinglog.MessageIds;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sending logs' transitions. Each verb is one statement per log, guarded by the
 * version the transition was computed on; the logs are locked first, so a guard that
 * fails means a bug or a lost lock, never a silent double count.
 */
@Repository
class LogTransitionRepository {

	private static final String STATE = """
			select id, delivery_id, recipient, status, relay_state, failure_type, failure_reason, attempts, relayed_at,
			  version, message_id, parked_events
			from sending_log
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	LogTransitionRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
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
		for (Keyed keyed : keyed(lock("id in (:ids)", named))) {
			if (left.remove(keyed.messageId())) {
				found.add(keyed);
			}
		}
		for (Keyed keyed : keyed(lock("message_id in (:ids)", left))) {
			if (left.remove(keyed.messageId())) {
				found.add(keyed);
			}
		}
		return found;
	}

	/** Locks and reads these logs. */
	List<LogState> lockByIds(Collection<Long> ids) {
		return keyed(lock("id in (:ids)", ids)).stream().map(Keyed::state).toList();
	}

	private List<Row> lock(String condition, Collection<?> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(STATE + "where " + condition + " order by id for update")
			.param("ids", ids)
			.query(LogTransitionRepository::row)
			.list();
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
					r.state(feedbackService.get(r.deliveryId()))))
			.toList();
	}

	/** Events about these logs' attempts in flight wait for the relay to be recorded. */
	void markParked(Collection<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("update sending_log set parked_events = true where id in (:ids)").param("ids", ids).update();
		}
	}

	void markRelayed(List<Transition> transitions) {
		run("""
				update sending_log set status = ?, relay_state = 'RELAYED', message_id = coalesce(?, message_id),
				  attempts = attempts + 1, relayed_at = ?, parked_events = false, version = version + 1, updated_at = ?
				where id = ? and version = ?
				""", transitions, (ps, t) -> {
			ps.setString(1, t.to().status().name());
			ps.setString(2, t.messageId());
			ps.setObject(3, t.at());
			ps.setObject(4, t.at());
			ps.setLong(5, t.from().id());
			ps.setInt(6, t.from().version());
		});
	}

	void markDelivered(List<Transition> transitions) {
		run("""
				update sending_log set status = 'SENT', relay_state = 'DONE', failure_type = null,
				  failure_reason = null, last_event_at = ?, version = version + 1, updated_at = ?
				where id = ? and version = ?
				""", transitions, (ps, t) -> {
			ps.setObject(1, t.at());
			ps.setObject(2, OffsetDateTime.now());
			ps.setLong(3, t.from().id());
			ps.setInt(4, t.from().version());
		});
	}

	void markHardBounced(List<Transition> transitions) {
		run("""
				update sending_log set status = 'FAILED', relay_state = 'DONE', failure_type = 'HARD',
				  failure_reason = ?, last_event_at = ?, version = version + 1, updated_at = ?
				where id = ? and version = ?
				""", transitions, (ps, t) -> {
			ps.setString(1, t.to().failureReason().name());
			ps.setObject(2, t.at());
			ps.setObject(3, OffsetDateTime.now());
			ps.setLong(4, t.from().id());
			ps.setInt(5, t.from().version());
		});
	}

	void markSoftBounced(List<Transition> transitions) {
		run("""
				update sending_log set status = ?, relay_state = 'AWAITING_RETRY', failure_type = 'SOFT',
				  failure_reason = ?, soft_bounced_at = ?, last_event_at = ?, version = version + 1, updated_at = ?
				where id = ? and version = ?
				""", transitions, (ps, t) -> {
			ps.setString(1, t.to().status().name());
			ps.setString(2, t.to().failureReason().name());
			ps.setObject(3, t.at());
			ps.setObject(4, t.at());
			ps.setObject(5, OffsetDateTime.now());
			ps.setLong(6, t.from().id());
			ps.setInt(7, t.from().version());
		});
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
						relay_state = 'DONE', version = version + 1, updated_at = :at
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

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		String type = rs.getString("failure_type");
		String reason = rs.getString("failure_reason");
		return new Row(rs.getString("message_id"), rs.getString("delivery_id"), rs.getLong("id"),
				rs.getString("recipient"), LogStatus.valueOf(rs.getString("status")),
				RelayState.valueOf(rs.getString("relay_state")), type == null ? null : FailureType.valueOf(type),
				reason == null ? null : FailureReason.valueOf(reason), rs.getInt("attempts"),
				rs.getObject("relayed_at", OffsetDateTime.class), rs.getInt("version"), rs.getBoolean("parked_events"));
	}

	private record Row(String messageId, String deliveryId, long id, String recipient, LogStatus status,
			RelayState relayState, FailureType failureType, FailureReason failureReason, int attempts,
			OffsetDateTime relayedAt, int version, boolean parkedEvents) {

		LogState state(boolean feedbackService) {
			return new LogState(this.id, this.deliveryId, this.recipient, feedbackService, this.status, this.relayState,
					this.failureType, this.failureReason, this.attempts, this.relayedAt, this.version,
					this.parkedEvents);
		}

	}

	record Keyed(String messageId, LogState state) {
	}

}
