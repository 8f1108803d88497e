package org.campaigndelivery.feedback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.PostgresDatabase;

/**
 * Not a test: figures for docs/benchmarks.md, run with ./mvnw -Pbench verify
 * -Dtest=LogPartitionsMigrationBenchmark (PostgreSQL only). How long schema version 20
 * holds up the first start of a node on a database holding {@code bench.migration.logs}
 * sending logs (10 million by default) and as many events, beside the time one bare
 * insert ... select took to write those logs; then how long the cleanup process's drop of
 * a month of a million logs and their events takes, beside a delete of the same rows.
 */
class LogPartitionsMigrationBenchmark {

	private static final int LOGS = Integer.getInteger("bench.migration.logs", 10_000_000);

	private static final int MONTH = 1_000_000;

	@Test
	void migrateAndDropAMonth() throws Exception {
		Assumptions.assumeTrue(System.getProperty(PostgresDatabase.URL_PROPERTY) != null,
				"needs PostgreSQL at 127.0.0.1:5432");
		PostgresDatabase.withOwnDatabase("campaign_delivery_bench_partitions", (arguments) -> {
			LogPartitionsMigration migration = new LogPartitionsMigration(
					arguments.get(1).substring("--spring.datasource.url=".length()));
			migration.migrateTo("19");
			long start = System.nanoTime();
			migration.fill("former", LOGS);
			double fillSeconds = seconds(start);

			start = System.nanoTime();
			migration.migrateTo("latest");
			double migrateSeconds = seconds(start);

			double dropSeconds;
			double countSeconds;
			double deleteSeconds;
			try (Connection connection = migration.connect(); Statement statement = connection.createStatement()) {
				monthOfLogs(statement, "y2030m01", "2030-01");
				connection.setAutoCommit(false);
				start = System.nanoTime();
				// as the cleanup process's batch does: count what goes, then drop
				statement.executeQuery("select count(*) from sending_log_y2030m01").close();
				statement.executeQuery("select count(*) from mta_event_y2030m01").close();
				countSeconds = seconds(start);
				statement.execute("drop table mta_event_y2030m01");
				statement.execute("drop table sending_log_y2030m01");
				connection.commit();
				dropSeconds = seconds(start);

				connection.setAutoCommit(true);
				monthOfLogs(statement, "y2030m02", "2030-02");
				connection.setAutoCommit(false);
				start = System.nanoTime();
				statement.execute("delete from mta_event where message_id like '<2030-02-%'");
				statement.execute("delete from sending_log where delivery_id = '2030-02'");
				connection.commit();
				deleteSeconds = seconds(start);
			}

			String report = String.join("\n",
					String.format(Locale.ROOT, "%-58s %-12s %s", "benchmark (PostgreSQL)", "measured",
							"reference, same run"),
					String.format(Locale.ROOT, "%-58s %-12s %s",
							String.format(Locale.ROOT, "schema version 20, %,d logs + %,d events", LOGS, LOGS),
							String.format(Locale.ROOT, "%.1f s", migrateSeconds),
							String.format(Locale.ROOT, "%.1f s: bare insert ... select of the logs and events",
									fillSeconds)),
					String.format(Locale.ROOT, "%-58s %-12s %s",
							String.format(Locale.ROOT, "drop a month: %,d logs + %,d events", MONTH, MONTH),
							String.format(Locale.ROOT, "%.2f s", dropSeconds),
							String.format(Locale.ROOT, "%.1f s: delete of the same rows", deleteSeconds)),
					String.format(Locale.ROOT, "%-58s %-12s", "  of which the counts of what goes",
							String.format(Locale.ROOT, "%.2f s", countSeconds)),
					"");
			System.out.println(report);
			Files.createDirectories(Path.of("target", "bench"));
			Files.writeString(Path.of("target", "bench", "log-partitions-postgres.txt"), report);
		});
	}

	/** A month partition of a million relayed logs, each with one event. */
	private static void monthOfLogs(Statement statement, String suffix, String month) throws SQLException {
		String from = month + "-01T00:00:00Z";
		String to = YearMonth.parse(month).plusMonths(1) + "-01T00:00:00Z";
		statement.execute("create table sending_log_%s partition of sending_log (primary key (id), unique (message_id))"
			.formatted(suffix) + " for values from ('%s') to ('%s')".formatted(from, to));
		statement.execute("create table mta_event_%s partition of mta_event (primary key (event_id))".formatted(suffix)
				+ " for values from ('%s') to ('%s')".formatted(from, to));
		LogPartitionsMigration.insertFinishedDelivery(statement, month, "a-former");
		statement.execute("""
				insert into sending_log (delivery_id, member_id, recipient, message_id, status, relay_state,
				  attempts, relayed_at, slot, updated_at, settled, queued_at)
				select '%1$s', x, concat('r', x, '@example.com'), concat('<%1$s-', x, '@example.com>'), 'SENT',
				  'RELAYED', 1, now(), mod(x, 64), now(), true, '%2$s'
				from generate_series(1, %3$d) as g(x)
				""".formatted(month, from, MONTH));
		statement.execute("""
				insert into mta_event (event_id, message_id, type, smtp_status, occurred_at, received_at, outcome,
				  log_queued_at)
				select gen_random_uuid(), concat('<%1$s-', x, '@example.com>'), 'DELIVERED', '250 2.0.0 OK',
				  now(), now(), 'APPLIED', '%2$s'
				from generate_series(1, %3$d) as g(x)
				""".formatted(month, from, MONTH));
		// as a month ended half a year ago is: vacuumed, no autovacuum worker on it
		// (whose
		// lock a drop would wait for until deadlock_timeout)
		statement.execute("vacuum analyze sending_log_" + suffix);
		statement.execute("vacuum analyze mta_event_" + suffix);
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

}
