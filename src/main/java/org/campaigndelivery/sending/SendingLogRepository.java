package org.campaigndelivery.sending;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.campaigndelivery.feedback.LogStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sending logs: one per (delivery, recipient). A lane owns the logs whose id falls in
 * its residue class (id mod lanes), so lanes never compete for a row and a lane's job,
 * re-run on any node, resumes where the recorded logs end.
 */
@Repository
class SendingLogRepository {

	private final JdbcClient jdbc;

	SendingLogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The lane's next queued logs: first attempts, then retries. One relay state per
	 * query, so that the index (delivery, relay state, id) hands the rows over in order
	 * without sorting the whole queue.
	 */
	List<QueuedMessage> nextBatch(String deliveryId, int lane, int size) {
		List<QueuedMessage> batch = new ArrayList<>(queued(deliveryId, "QUEUED", lane, size));
		if (batch.size() < size) {
			batch.addAll(queued(deliveryId, "RETRY_QUEUED", lane, size - batch.size()));
		}
		return batch;
	}

	/**
	 * Deals the delivery's queued logs to the lanes, round robin by id; once, when
	 * sending starts.
	 */
	int assignLanes(String deliveryId, int lanes) {
		return this.jdbc.sql("update sending_log set lane = mod(id, :lanes) where delivery_id = :id")
			.param("lanes", lanes)
			.param("id", deliveryId)
			.update();
	}

	private List<QueuedMessage> queued(String deliveryId, String relayState, int lane, int size) {
		return this.jdbc.sql("""
				select l.id, l.message_id, l.recipient, m.first_name, m.last_name, m.attributes
				from sending_log l join audience_member m on m.id = l.member_id
				where l.delivery_id = :id and l.lane = :lane and l.relay_state = :state
				order by l.id fetch first :size rows only
				""")
			.param("id", deliveryId)
			.param("state", relayState)
			.param("lane", lane)
			.param("size", size)
			.query((rs, row) -> new QueuedMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
	}

	List<LogView> logs(String deliveryId, LogStatus status, int offset, int limit) {
		String where = status == null ? "" : " and status = :status";
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("""
					select recipient, message_id, status, failure_type, failure_reason, attempts, updated_at
					from sending_log where delivery_id = :id""" + where
					+ " order by id offset :offset rows fetch next :limit rows only")
			.param("id", deliveryId)
			.param("offset", offset)
			.param("limit", limit);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		return statement.query(SendingLogRepository::log).list();
	}

	private static LogView log(ResultSet rs, int row) throws SQLException {
		return new LogView(rs.getString("recipient"), rs.getString("message_id"),
				LogStatus.valueOf(rs.getString("status")), rs.getString("failure_type"), rs.getString("failure_reason"),
				rs.getInt("attempts"), rs.getObject("updated_at", OffsetDateTime.class));
	}

	record LogView(String recipient, String messageId, LogStatus status, String failureType, String failureReason,
			int attempts, OffsetDateTime updatedAt) {
	}

}
