package org.campaigndelivery.sending;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
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

	private final JdbcTemplate jdbcTemplate;

	SendingLogRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	List<QueuedMessage> nextBatch(String deliveryId, int lane, int lanes, int size) {
		return this.jdbc.sql("""
				select l.id, l.recipient, m.first_name, m.last_name, m.attributes
				from sending_log l join audience_member m on m.id = l.member_id
				where l.delivery_id = :id and l.relay_state = 'QUEUED' and mod(l.id, :lanes) = :lane
				order by l.id fetch first :size rows only
				""")
			.param("id", deliveryId)
			.param("lanes", lanes)
			.param("lane", lane)
			.param("size", size)
			.query((rs, row) -> new QueuedMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list();
	}

	/**
	 * Records messages the MTA accepted; a log already recorded is left as it is.
	 * @param status SENT without the Email Feedback Service, PENDING with it
	 * @return how many logs moved
	 */
	int markRelayed(List<RelayedMessage> relayed, LogStatus status, OffsetDateTime at) {
		int[][] counts = this.jdbcTemplate.batchUpdate("""
				update sending_log set message_id = ?, status = ?, relay_state = 'RELAYED', attempts = attempts + 1,
				  updated_at = ?
				where id = ? and relay_state = 'QUEUED'
				""", relayed, 1000, (PreparedStatement ps, RelayedMessage m) -> {
			ps.setString(1, m.messageId());
			ps.setString(2, status.name());
			ps.setObject(3, at);
			ps.setLong(4, m.logId());
		});
		return Arrays.stream(counts).flatMapToInt(Arrays::stream).map(n -> Math.max(n, 0)).sum();
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

	record RelayedMessage(long logId, String messageId) {
	}

	record LogView(String recipient, String messageId, LogStatus status, String failureType, String failureReason,
			int attempts, OffsetDateTime updatedAt) {
	}

}
