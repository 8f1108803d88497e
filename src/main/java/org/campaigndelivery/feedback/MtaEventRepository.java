package org.campaigndelivery.feedback;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.campaigndelivery.database.TableStatistics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MtaEventRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TableStatistics statistics;

	MtaEventRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TableStatistics statistics) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.statistics = statistics;
	}

	Set<String> existingKeys(Collection<String> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("select event_key from mta_event where event_key in (:keys)")
			.param("keys", keys)
			.query(String.class)
			.list());
	}

	void insert(List<Received> events, OffsetDateTime receivedAt) {
		this.jdbcTemplate.batchUpdate(
				"""
						insert into mta_event (event_key, message_id, type, smtp_status, diagnostic, occurred_at, received_at, outcome)
						values (?, ?, ?, ?, ?, ?, ?, ?)
						""",
				events, 1000, (PreparedStatement ps, Received r) -> {
					ps.setString(1, r.key());
					ps.setString(2, r.event().messageId());
					ps.setString(3, r.event().type().name());
					ps.setString(4, r.event().smtpStatus());
					ps.setString(5, r.event().diagnostic());
					ps.setObject(6, r.event().at());
					ps.setObject(7, receivedAt);
					ps.setString(8, r.outcome().name());
				});
		// The next batches' digests are looked up by index
		// only if the planner knows how many events there are.
		this.statistics.refreshAsItGrows("mta_event", events.size());
	}

	/** The events parked on these Message-IDs, oldest first. */
	List<Received> parked(Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select event_key, message_id, type, smtp_status, diagnostic, occurred_at from mta_event
				where message_id in (:ids) and outcome = 'PARKED' order by occurred_at, event_key
				""")
			.param("ids", messageIds)
			.query((rs, row) -> new Received(rs.getString(1),
					new MtaEvent(rs.getString(2), MtaEvent.Type.valueOf(rs.getString(3)), rs.getString(4),
							rs.getString(5), rs.getObject(6, OffsetDateTime.class)),
					Outcome.PARKED))
			.list();
	}

	/** Parked events have been applied to the attempt they were about. */
	void resolve(List<Received> events) {
		this.jdbcTemplate.batchUpdate("update mta_event set outcome = ? where event_key = ?", events, 1000,
				(PreparedStatement ps, Received r) -> {
					ps.setString(1, r.outcome().name());
					ps.setString(2, r.key());
				});
	}

	enum Outcome {

		APPLIED, NO_CHANGE, UNKNOWN_MESSAGE,
		/** About an attempt whose relay is not recorded yet: applied once it is. */
		PARKED

	}

	record Received(String key, MtaEvent event, Outcome outcome) {

		Received resolved(boolean applied) {
			return new Received(this.key, this.event, applied ? Outcome.APPLIED : Outcome.NO_CHANGE);
		}

	}

}
