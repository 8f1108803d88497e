package org.campaigndelivery.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.Pages;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CleanupRunRepository {

	private static final String RUN = """
			select id, started_by, started_at, finished_at, batches, deliveries, sending_logs, mta_events, exclusions,
			  tracking_hits, inbound_reports, audiences, audience_members
			from cleanup_run
			""";

	private final JdbcClient jdbc;

	CleanupRunRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Begins the run, unless another one is under way in the cluster: the unique index on
	 * running lets one row at a time hold it.
	 */
	boolean begin(String id, String startedBy, OffsetDateTime at) {
		try {
			return this.jdbc.sql("""
					insert into cleanup_run (id, started_by, started_at, running) values (:id, :startedBy, :at, 1)
					""").param("id", id).param("startedBy", startedBy).param("at", at).update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Adds a batch and what it purged to the run, in the batch's transaction. */
	void add(String id, CleanupRun.Purged p) {
		this.jdbc.sql("""
				update cleanup_run set batches = batches + 1, deliveries = deliveries + :deliveries,
				  sending_logs = sending_logs + :logs, mta_events = mta_events + :events,
				  exclusions = exclusions + :exclusions, tracking_hits = tracking_hits + :hits,
				  inbound_reports = inbound_reports + :reports, audiences = audiences + :audiences,
				  audience_members = audience_members + :members
				where id = :id and running = 1
				""")
			.param("deliveries", p.deliveries())
			.param("logs", p.sendingLogs())
			.param("events", p.mtaEvents())
			.param("exclusions", p.exclusions())
			.param("hits", p.trackingHits())
			.param("reports", p.inboundReports())
			.param("audiences", p.audiences())
			.param("members", p.audienceMembers())
			.param("id", id)
			.update();
	}

	boolean finish(String id, OffsetDateTime at) {
		return this.jdbc.sql("update cleanup_run set finished_at = :at, running = null where id = :id and running = 1")
			.param("at", at)
			.param("id", id)
			.update() == 1;
	}

	Optional<CleanupRun> find(String id, OffsetDateTime now) {
		return this.jdbc.sql(RUN + "where id = :id").param("id", id).query((rs, row) -> run(rs, now)).optional();
	}

	Optional<CleanupRun> running(OffsetDateTime now) {
		return this.jdbc.sql(RUN + "where running = 1").query((rs, row) -> run(rs, now)).optional();
	}

	/** Newest first. */
	List<CleanupRun> list(Paging paging, OffsetDateTime now) {
		return Pages.page(this.jdbc, RUN + "order by started_at desc, id", paging)
			.query((rs, row) -> run(rs, now))
			.list();
	}

	private static CleanupRun run(ResultSet rs, OffsetDateTime now) throws SQLException {
		return CleanupRun.of(rs.getString("id"), rs.getString("started_by"),
				rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
				now, rs.getInt("batches"),
				new CleanupRun.Purged(rs.getInt("deliveries"), rs.getLong("sending_logs"), rs.getLong("mta_events"),
						rs.getLong("exclusions"), rs.getLong("tracking_hits"), rs.getLong("inbound_reports"),
						rs.getInt("audiences"), rs.getLong("audience_members")));
	}

}
