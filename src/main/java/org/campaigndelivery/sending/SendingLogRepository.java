package org.campaigndelivery.sending;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

	/**
	 * Two plain reads instead of a join: the lane's logs by the lane index, then their
	 * recipients by primary key, so that neither depends on how the database would plan a
	 * join over a million rows.
	 */
	private List<QueuedMessage> queued(String deliveryId, String relayState, int lane, int size) {
		List<long[]> logs = new ArrayList<>();
		List<String[]> texts = new ArrayList<>();
		this.jdbc.sql("""
				select id, member_id, message_id, recipient from sending_log
				where delivery_id = :id and lane = :lane and relay_state = :state
				order by id fetch first :size rows only
				""")
			.param("id", deliveryId)
			.param("lane", lane)
			.param("state", relayState)
			.param("size", size)
			.query(rs -> {
				logs.add(new long[] { rs.getLong(1), rs.getLong(2) });
				texts.add(new String[] { rs.getString(3), rs.getString(4) });
			});
		if (logs.isEmpty()) {
			return List.of();
		}
		Map<Long, String[]> members = new HashMap<>();
		this.jdbc.sql("select id, first_name, last_name, attributes from audience_member where id in (:ids)")
			.param("ids", logs.stream().map(l -> l[1]).toList())
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
