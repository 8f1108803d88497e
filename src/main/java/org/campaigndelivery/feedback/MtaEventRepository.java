package org.campaigndelivery.feedback;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.campaigndelivery.database.InLists;
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

	Set<UUID> existingKeys(Collection<UUID> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("select event_id from mta_event where event_id in " + InLists.uuids(keys))
			.query((rs, row) -> rs.getObject(1, UUID.class))
			.list());
	}

	void insert(List<Received> events, OffsetDateTime receivedAt) {
		this.jdbcTemplate.batchUpdate(
				"""
						insert into mta_event (event_id, message_id, type, smtp_status, diagnostic, occurred_at, received_at, outcome)
						values (?, ?, ?, ?, ?, ?, ?, ?)
						""",
				events, 1000, (PreparedStatement ps, Received r) -> {
					ps.setObject(1, r.key());
					ps.setString(2, r.event().messageId());
					ps.setString(3, r.event().type().name());
					ps.setString(4, r.event().smtpStatus());
					ps.setString(5, r.event().diagnostic());
					ps.setObject(6, r.event().at());
					ps.setObject(7, receivedAt);
					ps.setString(8, r.outcome().name());
				});
		// The next batches' keys are looked up by index only if the planner knows how
		// many events there are.
		this.statistics.refreshAsItGrows("mta_event", events.size());
	}

	/** Keeps these parked events under the log they wait for. */
	void park(List<Parked> parked) {
		this.jdbcTemplate.batchUpdate("insert into parked_event (log_id, event_id) values (?, ?)", parked, 1000,
				(PreparedStatement ps, Parked p) -> {
					ps.setLong(1, p.logId());
					ps.setObject(2, p.event().key());
				});
	}

	/** The events parked on these logs, oldest first. */
	List<Parked> parked(Collection<Long> logIds) {
		if (logIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select p.log_id, e.event_id, e.message_id, e.type, e.smtp_status, e.diagnostic, e.occurred_at
				from parked_event p join mta_event e on e.event_id = p.event_id
				where p.log_id in %s order by e.occurred_at, e.event_id
				""".formatted(InLists.numbers(logIds)))
			.query((rs, row) -> new Parked(rs.getLong(1),
					new Received(rs.getObject(2, UUID.class),
							new MtaEvent(rs.getString(3), MtaEvent.Type.valueOf(rs.getString(4)), rs.getString(5),
									rs.getString(6), rs.getObject(7, OffsetDateTime.class)),
							Outcome.PARKED)))
			.list();
	}

	/** Parked events have been applied to the attempt they were about. */
	void resolve(List<Parked> events) {
		if (events.isEmpty()) {
			return;
		}
		this.jdbcTemplate.batchUpdate("update mta_event set outcome = ? where event_id = ?", events, 1000,
				(PreparedStatement ps, Parked p) -> {
					ps.setString(1, p.event().outcome().name());
					ps.setObject(2, p.event().key());
				});
		this.jdbc
			.sql("delete from parked_event where log_id in "
					+ InLists.numbers(events.stream().map(Parked::logId).distinct().toList()))
			.update();
	}

	enum Outcome {

		APPLIED, NO_CHANGE, UNKNOWN_MESSAGE,
		/** About an attempt whose relay is not recorded yet: applied once it is. */
		PARKED

	}

	record Parked(long logId, Received event) {

		Parked resolved(boolean applied) {
			return new Parked(this.logId, this.event.resolved(applied));
		}

	}

	record Received(UUID key, MtaEvent event, Outcome outcome) {

		Received resolved(boolean applied) {
			return new Received(this.key, this.event, applied ? Outcome.APPLIED : Outcome.NO_CHANGE);
		}

	}

}
