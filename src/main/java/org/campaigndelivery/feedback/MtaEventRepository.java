package org.campaigndelivery.feedback;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.InLists;
import org.campaigndelivery.database.Pages;
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
						insert into mta_event (event_id, message_id, type, smtp_status, diagnostic, occurred_at, received_at, outcome,
						  log_queued_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?)
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
					ps.setObject(9, r.logQueuedAt(), Types.TIMESTAMP_WITH_TIMEZONE);
				});
		// The next batches' keys are looked up by index only if the planner knows how
		// many events there are.
		this.statistics.refreshAsItGrows("mta_event", events.size());
	}

	/**
	 * Keeps these events apart until they change something: parked ones under the log
	 * they wait for, those about no log under none.
	 */
	void keep(List<Kept> kept) {
		this.jdbcTemplate.batchUpdate("insert into kept_event (event_id, log_id) values (?, ?)", kept, 1000,
				(PreparedStatement ps, Kept p) -> {
					ps.setObject(1, p.event().key());
					ps.setObject(2, p.logId());
				});
	}

	/**
	 * The kept events, newest first: parked ones, those about a Message-ID no log has and
	 * warnings.
	 * @param outcome PARKED, UNKNOWN_MESSAGE or WARNING; null for all
	 */
	List<FeedbackService.KeptEvent> kept(FeedbackService.KeptOutcome outcome, Paging paging) {
		String where = (outcome != null) ? " where e.outcome = :outcome" : "";
		JdbcClient.StatementSpec statement = Pages.page(this.jdbc, """
				select e.message_id, e.type, e.smtp_status, e.diagnostic, e.occurred_at, e.received_at, e.outcome
				from kept_event k join mta_event e on e.event_id = k.event_id""" + where
				+ " order by e.received_at desc, e.event_id", paging);
		if (outcome != null) {
			statement = statement.param("outcome", outcome.name());
		}
		return statement
			.query((rs, row) -> new FeedbackService.KeptEvent(rs.getString(1), MtaEvent.Type.valueOf(rs.getString(2)),
					rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class),
					rs.getObject(6, OffsetDateTime.class), rs.getString(7)))
			.list();
	}

	/** The events parked on these logs, oldest first. */
	List<Kept> parked(Collection<Long> logIds) {
		if (logIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select p.log_id, e.event_id, e.message_id, e.type, e.smtp_status, e.diagnostic, e.occurred_at
				from kept_event p join mta_event e on e.event_id = p.event_id
				where p.log_id in %s and e.outcome = 'PARKED' order by e.occurred_at, e.event_id
				""".formatted(InLists.numbers(logIds)))
			.query((rs, row) -> new Kept(rs.getLong(1),
					new Received(rs.getObject(2, UUID.class),
							new MtaEvent(rs.getString(3), MtaEvent.Type.valueOf(rs.getString(4)), rs.getString(5),
									rs.getString(6), rs.getObject(7, OffsetDateTime.class)),
							Outcome.PARKED)))
			.list();
	}

	/** Kept events have been applied to the attempt they were about. */
	void resolve(List<Kept> events) {
		if (events.isEmpty()) {
			return;
		}
		this.jdbcTemplate.batchUpdate("update mta_event set outcome = ? where event_id = ?", events, 1000,
				(PreparedStatement ps, Kept p) -> {
					ps.setString(1, p.event().outcome().name());
					ps.setObject(2, p.event().key());
				});
		this.jdbc
			.sql("delete from kept_event where event_id in "
					+ InLists.uuids(events.stream().map((k) -> k.event().key()).toList()))
			.update();
	}

	/**
	 * Deletes the events about these logs, and those kept under them.
	 * @return how many events
	 */
	int purgeAbout(Collection<Long> logIds, Collection<String> messageIds) {
		if (logIds.isEmpty()) {
			return 0;
		}
		this.jdbc.sql("delete from kept_event where log_id in " + InLists.numbers(logIds)).update();
		return this.jdbc.sql("delete from mta_event where message_id in " + InLists.strings(messageIds)).update();
	}

	long countPartition(String partition) {
		return this.jdbc.sql("select count(*) from " + partition).query(Long.class).single();
	}

	/**
	 * Deletes the kept events about logs queued between the two times: those stored in
	 * that month's partition.
	 */
	int purgeKeptAboutLogsQueued(OffsetDateTime from, OffsetDateTime to) {
		return this.jdbc.sql("""
				delete from kept_event k where k.log_id is not null and exists (select 1 from mta_event e
				  where e.event_id = k.event_id and e.log_queued_at >= :from and e.log_queued_at < :to)
				""").param("from", from).param("to", to).update();
	}

	/**
	 * Deletes the first events about a Message-ID no log has that were received before
	 * the given time, up to the limit.
	 * @return how many
	 */
	int purgeUnmatchedBefore(OffsetDateTime receivedBefore, int limit) {
		List<UUID> keys = this.jdbc.sql("""
				select k.event_id from kept_event k join mta_event e on e.event_id = k.event_id
				where k.log_id is null and e.received_at < :before limit %d
				""".formatted(limit)).param("before", receivedBefore).query(UUID.class).list();
		if (keys.isEmpty()) {
			return 0;
		}
		this.jdbc.sql("delete from kept_event where event_id in " + InLists.uuids(keys)).update();
		return this.jdbc.sql("delete from mta_event where event_id in " + InLists.uuids(keys)).update();
	}

	enum Outcome {

		APPLIED, NO_CHANGE, UNKNOWN_MESSAGE,
		/** About an attempt whose relay is not recorded yet: applied once it is. */
		PARKED,
		/**
		 * The MTA still holds the message: recorded on its log, which it leaves as it
		 * was.
		 */
		WARNING

	}

	/**
	 * An event kept apart until it changes something.
	 *
	 * @param logId the log a parked event waits for; null for an event about no log
	 */
	record Kept(Long logId, Received event) {

		Kept resolved(boolean applied) {
			return new Kept(this.logId, this.event.resolved(applied));
		}

	}

	/**
	 * @param logQueuedAt when the log the event is about was queued: the event is stored
	 * in that month's partition with its log (PostgreSQL); null for an event about no
	 * log, or about a log queued before logs were partitioned
	 */
	record Received(UUID key, MtaEvent event, Outcome outcome, OffsetDateTime logQueuedAt) {

		/** An event read back, to be resolved: it stays where it is stored. */
		Received(UUID key, MtaEvent event, Outcome outcome) {
			this(key, event, outcome, null);
		}

		Received resolved(boolean applied) {
			return new Received(this.key, this.event, applied ? Outcome.APPLIED : Outcome.NO_CHANGE, this.logQueuedAt);
		}

	}

}
