package org.campaigndelivery.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
			select l.id, l.delivery_id, l.recipient, d.email_feedback_service, l.status, l.relay_state, l.failure_type,
			  l.failure_reason, l.attempts, l.relayed_at, l.version, l.message_id
			from sending_log l join delivery d on d.id = l.delivery_id
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	LogTransitionRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/** Locks and reads the logs of these Message-IDs; unknown ids are absent. */
	List<Keyed> lockByMessageIds(Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(STATE + "where l.message_id in (:ids) order by l.id for update")
			.param("ids", messageIds)
			.query((rs, row) -> new Keyed(rs.getString("message_id"), state(rs)))
			.list();
	}

	/** Locks and reads these logs. */
	List<LogState> lockByIds(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(STATE + "where l.id in (:ids) order by l.id for update")
			.param("ids", ids)
			.query((rs, row) -> state(rs))
			.list();
	}

	void markRelayed(List<Transition> transitions) {
		run("""
				update sending_log set status = ?, relay_state = 'RELAYED', message_id = coalesce(?, message_id),
				  attempts = attempts + 1, relayed_at = ?, version = version + 1, updated_at = ?
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
		return this.jdbc.sql("""
				update sending_log set relay_state = 'RETRY_QUEUED', version = version + 1, updated_at = :at
				where delivery_id = :id and relay_state = 'AWAITING_RETRY'
				""").param("id", deliveryId).param("at", at).update();
	}

	/**
	 * The validity period is over: every message still waiting on a retry fails.
	 * @return how many of them were Sent until now (without the Email Feedback Service)
	 */
	int expireSent(String deliveryId, OffsetDateTime at) {
		return this.jdbc.sql("""
				update sending_log set status = 'FAILED', relay_state = 'DONE', version = version + 1, updated_at = :at
				where delivery_id = :id and relay_state in ('AWAITING_RETRY', 'RETRY_QUEUED') and status = 'SENT'
				""").param("id", deliveryId).param("at", at).update();
	}

	/**
	 * The same for the messages already Failed (with the Email Feedback Service): final,
	 * counters unchanged.
	 */
	int expireFailed(String deliveryId, OffsetDateTime at) {
		return this.jdbc.sql("""
				update sending_log set relay_state = 'DONE', version = version + 1, updated_at = :at
				where delivery_id = :id and relay_state in ('AWAITING_RETRY', 'RETRY_QUEUED') and status <> 'SENT'
				""").param("id", deliveryId).param("at", at).update();
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

	private static LogState state(ResultSet rs) throws SQLException {
		String type = rs.getString("failure_type");
		String reason = rs.getString("failure_reason");
		return new LogState(rs.getLong("id"), rs.getString("delivery_id"), rs.getString("recipient"),
				rs.getBoolean("email_feedback_service"), LogStatus.valueOf(rs.getString("status")),
				RelayState.valueOf(rs.getString("relay_state")), type == null ? null : FailureType.valueOf(type),
				reason == null ? null : FailureReason.valueOf(reason), rs.getInt("attempts"),
				rs.getObject("relayed_at", OffsetDateTime.class), rs.getInt("version"));
	}

	record Keyed(String messageId, LogState state) {
	}

}
