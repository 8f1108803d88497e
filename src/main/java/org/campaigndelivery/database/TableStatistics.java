package org.campaigndelivery.database;

import java.util.Set;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refreshes PostgreSQL's planner statistics of a table right after a bulk load.
 * Autovacuum analyzes a table only some time after it grew (never, where it is off), and
 * until then the planner takes a million-row table for an empty one: a lane's read of 200
 * recipients by primary key became a sequential scan of the audience, 6 s a batch. H2
 * counts rows exactly and needs nothing.
 */
@Component
public class TableStatistics {

	/** Loads smaller than this leave the statistics to autovacuum. */
	static final int BULK_ROWS = 10_000;

	private static final Set<String> TABLES = Set.of("audience_member", "exclusion", "sending_log");

	private final JdbcTemplate jdbc;

	private final boolean postgres;

	TableStatistics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.postgres = Boolean.TRUE.equals(jdbc
			.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName().equals("PostgreSQL")));
	}

	/**
	 * @param table one of the tables loaded in bulk
	 * @param rows how many rows the load wrote
	 */
	public void refreshAfterLoad(String table, int rows) {
		if (!TABLES.contains(table)) {
			throw new IllegalArgumentException("Not a bulk-loaded table: " + table);
		}
		if (this.postgres && rows >= BULK_ROWS) {
			this.jdbc.execute("analyze " + table);
		}
	}

}
