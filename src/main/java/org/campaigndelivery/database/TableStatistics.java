package org.campaigndelivery.database;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes PostgreSQL's planner statistics of the tables that grow fast. Autovacuum
 * analyzes a table only some time after it grew (never, where it is off), and until then
 * the planner takes a million-row table for an empty one: a lane's read of 200 recipients
 * by primary key became a sequential scan of the audience (6 s a batch), and the lookup
 * of 1,000 event digests a sequential scan of every event received (10 s a batch). H2
 * counts rows exactly and needs nothing.
 */
@Component
public class TableStatistics {

	/** Loads smaller than this leave the statistics to autovacuum. */
	static final int BULK_ROWS = 10_000;

	private static final Set<String> TABLES = Set.of("audience_member", "exclusion", "sending_log", "mta_event");

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final boolean postgres;

	private final Map<String, Growth> growth = new ConcurrentHashMap<>();

	TableStatistics(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.postgres = Boolean.TRUE.equals(jdbc
			.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName().equals("PostgreSQL")));
	}

	/**
	 * A bulk load is over, in the caller's transaction (whose rows the statistics see).
	 * @param table one of the tables loaded in bulk
	 * @param rows how many rows the load wrote
	 */
	public void refreshAfterLoad(String table, int rows) {
		check(table);
		if (this.postgres && rows >= BULK_ROWS) {
			this.jdbc.execute("analyze " + table);
		}
	}

	/**
	 * Rows were added to a table that grows a batch at a time: its statistics are
	 * refreshed each time it has doubled since this node started counting (from
	 * {@value #BULK_ROWS} rows on), in a transaction of their own, so that the lock
	 * ANALYZE holds is not kept until the caller commits.
	 */
	public void refreshAsItGrows(String table, int added) {
		check(table);
		if (this.postgres && this.growth.computeIfAbsent(table, t -> new Growth()).add(added)) {
			this.ownTransaction.executeWithoutResult(status -> this.jdbc.execute("analyze " + table));
		}
	}

	private static void check(String table) {
		// a month partition of one of them (MonthlyPartitions) is analyzed alone
		if (!TABLES.contains(table.replaceFirst("_y\\d{4}m\\d{2}$", ""))) {
			throw new IllegalArgumentException("Not a table whose statistics are kept: " + table);
		}
	}

	private static final class Growth {

		private final AtomicLong rows = new AtomicLong();

		private final AtomicLong next = new AtomicLong(BULK_ROWS);

		/**
		 * @return whether the table has just reached its next doubling
		 */
		boolean add(int added) {
			long total = this.rows.addAndGet(added);
			long at = this.next.get();
			return total >= at && this.next.compareAndSet(at, Math.max(2 * at, total));
		}

	}

}
