package org.campaigndelivery.bench;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import org.campaigndelivery.database.TableStatistics;
import org.campaigndelivery.support.PostgresDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a benchmark runs on: an H2 file by default, PostgreSQL at 127.0.0.1:5432
 * with -Dbench.database=postgres.
 */
final class BenchDatabase {

	static final boolean POSTGRES = "postgres".equals(System.getProperty("bench.database", "h2"));

	static final String NAME = POSTGRES ? "PostgreSQL" : "H2 file database";

	/** For file names: "postgres" or "h2". */
	static final String KEY = POSTGRES ? "postgres" : "h2";

	private BenchDatabase() {
	}

	/**
	 * Points the application at the test run's PostgreSQL database when it is the one.
	 */
	static void register(DynamicPropertyRegistry registry) {
		if (!POSTGRES) {
			return;
		}
		String url = System.getProperty(PostgresDatabase.URL_PROPERTY);
		Assumptions.assumeTrue(url != null, "-Dbench.database=postgres needs PostgreSQL at 127.0.0.1:5432");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("camunda.bpm.database.type", () -> "postgres");
		// as application-postgres.yaml
		registry.add("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", () -> "true");
	}

	/**
	 * A delivery in the given status whose logs were all relayed (without the Email
	 * Feedback Service), written straight in SQL, and its id.
	 * @param at when it was created and last changed
	 * @param relayedAt when its logs were relayed
	 */
	static String relayedDelivery(JdbcClient jdbc, TableStatistics statistics, int logs, String status,
			OffsetDateTime at, OffsetDateTime relayedAt) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("insert into audience (id, name, created_by, created_at) values (:id, 'bench', 'bench', :at)")
			.param("id", id)
			.param("at", at)
			.update();
		jdbc.sql(
				"""
						insert into delivery (id, label, sender, subject, html, audience_id, email_feedback_service, approval_mode,
						  validity_period, retry_period, status, created_by, created_at, updated_at)
						values (:id, 'bench', 'news@example.com', 'Hi', '<p>Hi</p>', :id, false, 'AUTOMATIC', 'P3DT12H', 'PT1H',
						  :status, 'bench', :at, :at)
						""")
			.param("id", id)
			.param("status", status)
			.param("at", at)
			.update();
		jdbc.sql("""
				insert into delivery_kpi (delivery_id, to_deliver, processed, sent, delivered, failed)
				values (:id, :n, :n, :n, :n, 0)
				""").param("id", id).param("n", logs).update();
		jdbc.sql("""
				insert into sending_log (delivery_id, member_id, recipient, status, relay_state, attempts, relayed_at,
				  updated_at)
				select :id, x, concat('r', x, '@example.com'), 'SENT', 'RELAYED', 1, :at, :at
				from %s
				""".formatted(POSTGRES ? "generate_series(0, :last) as g(x)" : "system_range(0, :last)"))
			.param("id", id)
			.param("at", relayedAt)
			.param("last", logs - 1)
			.update();
		// As the application's own bulk loads do: the planner must know the logs are
		// there.
		statistics.refreshAfterLoad("sending_log", logs);
		return id;
	}

}
