package org.campaigndelivery.feedback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: figures for docs/benchmarks.md, run with ./mvnw -Pbench verify
 * -Dtest=EventKeyConversionBenchmark. How long schema version 10 holds up the first start
 * of a node on a database with many stored events: a million events (and ten thousand
 * kept ones) under their former keys are converted, beside the time one bare statement
 * took to load the same rows.
 */
class EventKeyConversionBenchmark {

	private static final int EVENTS = 1_000_000;

	private static final boolean POSTGRES = "postgres".equals(System.getProperty("bench.database", "h2"));

	@Test
	void convertStoredKeys() throws SQLException, IOException {
		String url = POSTGRES ? System.getProperty(PostgresDatabase.URL_PROPERTY)
				: "jdbc:h2:file:./target/bench/keys-" + UUID.randomUUID();
		Assumptions.assumeTrue(url != null, "-Dbench.database=postgres needs PostgreSQL at 127.0.0.1:5432");
		try (Connection connection = DriverManager.getConnection(url, POSTGRES ? "postgres" : "sa", "");
				Statement statement = connection.createStatement()) {
			// the two tables as schema version 9 leaves them
			statement.execute("""
					create table mta_event (event_id uuid not null, message_id varchar(255) not null,
					  type varchar(16) not null, smtp_status varchar(64), diagnostic varchar(1000),
					  occurred_at timestamp with time zone not null, received_at timestamp with time zone not null,
					  outcome varchar(16) not null, constraint mta_event_key primary key (event_id))""");
			statement.execute(
					"create table kept_event (event_id uuid not null, log_id bigint, constraint kept_event_key primary key (event_id))");
			statement.execute("create index kept_event_by_log on kept_event (log_id)");

			long start = System.nanoTime();
			statement.execute(POSTGRES ? """
					insert into mta_event select gen_random_uuid(), concat('<m', x, '@example.com>'), 'DELIVERED',
					  '250 2.0.0', null, now() - x * interval '1 second', now(), 'APPLIED'
					from generate_series(1, %d) as g(x)""".formatted(EVENTS) : """
					insert into mta_event select random_uuid(), concat('<m', x, '@example.com>'), 'DELIVERED',
					  '250 2.0.0', null, dateadd(second, -x, current_timestamp), current_timestamp, 'APPLIED'
					from system_range(1, %d)""".formatted(EVENTS));
			double loadSeconds = (System.nanoTime() - start) / 1e9;
			statement.execute("insert into kept_event select event_id, null from mta_event where message_id like '<m1%'"
					+ " order by event_id fetch first " + (EVENTS / 100) + " rows only");
			if (POSTGRES) {
				statement.execute("analyze mta_event");
				statement.execute("analyze kept_event");
			}

			connection.setAutoCommit(false);
			start = System.nanoTime();
			ClusteredEventKeysTests.convert(connection);
			connection.commit();
			double convertSeconds = (System.nanoTime() - start) / 1e9;
			connection.setAutoCommit(true);
			assertThat(
					countOf(statement, "select count(*) from kept_event k join mta_event e on e.event_id = k.event_id"))
				.isEqualTo(EVENTS / 100);
			statement.execute("drop table kept_event");
			statement.execute("drop table mta_event");

			String report = String.join("\n",
					String.format(Locale.ROOT, "%-52s %-22s %s",
							"benchmark (" + (POSTGRES ? "PostgreSQL" : "H2 file database") + ")", "measured",
							"reference, same run"),
					String.format(Locale.ROOT, "%-52s %-22s %s",
							"schema version 10, " + EVENTS + " events + " + (EVENTS / 100) + " kept",
							String.format(Locale.ROOT, "%.1f s", convertSeconds), String.format(Locale.ROOT,
									"%.1f s: one insert ... select of the same events", loadSeconds)),
					"");
			System.out.println(report);
			Files.createDirectories(Path.of("target", "bench"));
			Files.writeString(Path.of("target", "bench", "key-conversion-" + (POSTGRES ? "postgres" : "h2") + ".txt"),
					report);
		}
	}

	private static long countOf(Statement statement, String sql) throws SQLException {
		try (var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
