package org.campaigndelivery.sending;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.campaigndelivery.feedback.LogStatus;
import org.campaigndelivery.feedback.RelayState;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sending logs: one per (delivery, recipient). A lane relays the logs of its slots
 * (see {@link Slots}), so lanes never compete for a row and a lane's job, re-run on any
 * node, resumes where the recorded logs end.
 */
@Repository
class SendingLogRepository {

	private final JdbcClient jdbc;

	SendingLogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The next queued logs of these slots: first attempts, then retries. One query per
	 * (status, relay state, slot), so that the index (delivery, status, relay state,
	 * slot, id) hands the rows over in order, however large the delivery.
	 */
	List<QueuedMessage> nextBatch(String deliveryId, List<Integer> slots, int size) {
		List<QueuedMessage> batch = new ArrayList<>(size);
		// A QUEUED log has never been relayed, so it is PENDING.
		// A retry may be in any status.
		collect(batch, deliveryId, List.of(LogStatus.PENDING), RelayState.QUEUED, slots, size);
		collect(batch, deliveryId, List.of(LogStatus.values()), RelayState.RETRY_QUEUED, slots, size);
		return batch;
	}

	private void collect(List<QueuedMessage> batch, String deliveryId, List<LogStatus> statuses, RelayState relayState,
			List<Integer> slots, int size) {
		for (LogStatus status : statuses) {
			for (int slot : slots) {
				if (batch.size() == size) {
					return;
				}
				batch.addAll(queued(deliveryId, status, relayState, slot, size - batch.size()));
			}
		}
	}

	/**
	 * Two plain reads instead of a join: the slot's logs by the state index, then their
	 * recipients by primary key, so that neither depends on how the database would plan a
	 * join over a million rows. The order by names every column of the index, which is
	 * what lets H2 stop after the first rows instead of sorting the whole slot.
	 */
	private List<QueuedMessage> queued(String deliveryId, LogStatus status, RelayState relayState, int slot, int size) {
		List<long[]> logs = new ArrayList<>();
		List<String[]> texts = new ArrayList<>();
		this.jdbc.sql("""
				select id, member_id, message_id, recipient from sending_log
				where delivery_id = :id and status = :status and relay_state = :state and slot = :slot
				order by delivery_id, status, relay_state, slot, id fetch first :size rows only
				""")
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
		// In the order of the index that serves the query, so that neither database sorts
		// the delivery's logs to find a page: by status, then as the lanes relay them.
		String where = ((status == null) ? "" : " and status = :status")
				+ " order by delivery_id, status, relay_state, slot, id";
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("""
					select recipient, message_id, status, failure_type, failure_reason, attempts, updated_at
					from sending_log where delivery_id = :id""" + where
					+ " offset :offset rows fetch next :limit rows only")
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
