package org.campaigndelivery.bench;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import org.campaigndelivery.database.MonthlyPartitions;
import org.campaigndelivery.database.TableStatistics;
import org.campaigndelivery.kpi.KpiService;
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

	/** Rows numbered from 0 to :last, as x. */
	private static final String SERIES = POSTGRES ? "generate_series(0, :last) as g(x)" : "system_range(0, :last)";

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
		return relayedDelivery(jdbc, statistics, logs, status, at, relayedAt, null);
	}

	/**
	 * As
	 * {@link #relayedDelivery(JdbcClient, TableStatistics, int, String, OffsetDateTime, OffsetDateTime)},
	 * its logs queued at the given time as a preparation queues them (on PostgreSQL, in
	 * that month's partition, which must exist); null: in none, as the logs written
	 * before the partitions were.
	 */
	static String relayedDelivery(JdbcClient jdbc, TableStatistics statistics, int logs, String status,
			OffsetDateTime at, OffsetDateTime relayedAt, OffsetDateTime queuedAt) {
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
				  updated_at, slot, queued_at)
				select :id, x, concat('r', x, '@example.com'), 'SENT', 'RELAYED', 1, :at, :at, mod(x, 64), :queued
				from %s
				""".formatted(SERIES))
			.param("id", id)
			.param("at", relayedAt)
			.param("queued", queuedAt)
			.param("last", logs - 1)
			.update();
		if (queuedAt != null) {
			jdbc.sql("update delivery set logs_queued_at = :at where id = :id")
				.param("id", id)
				.param("at", queuedAt)
				.update();
		}
		// As the application's own bulk loads do: the planner must know the logs are
		// there.
		if (logs > 0) {
			statistics.refreshAfterLoad("sending_log", logs);
		}
		return id;
	}

	/**
	 * A delivery that ended in the given month, as a database in use for a year holds
	 * them: its logs queued on the month's second day (on PostgreSQL in that month's
	 * partition, made here), each relayed with its Message-ID stored, delivered and
	 * reported by one MTA event, and every n-th opened once; written straight in SQL. Its
	 * id.
	 */
	static String endedDelivery(JdbcClient jdbc, MonthlyPartitions partitions, int logs, int openedEvery,
			YearMonth month) {
		OffsetDateTime queued = MonthlyPartitions.start(month).plusDays(1);
		OffsetDateTime ended = queued.plusDays(5);
		partitions.ensureMonthOf(queued);
		String id = relayedDelivery(jdbc, null, 0, "FINISHED", queued, queued, queued);
		jdbc.sql("update delivery set updated_at = :at where id = :id").param("id", id).param("at", ended).update();
		jdbc.sql(
				"update delivery_kpi set to_deliver = :n, processed = :n, sent = :n, delivered = :n where delivery_id = :id")
			.param("id", id)
			.param("n", logs)
			.update();
		jdbc.sql("""
				insert into sending_log (delivery_id, member_id, recipient, message_id, status, relay_state, attempts,
				  relayed_at, updated_at, slot, settled, last_event_at, queued_at)
				select :id, x, concat('r', x, '@example.com'), concat('<', x, '.', :id, '@example.com>'), 'SENT',
				  'RELAYED', 1, :at, :at, mod(x, 64), true, :at, :at
				from %s
				""".formatted(SERIES)).param("id", id).param("at", queued).param("last", logs - 1).update();
		jdbc.sql("""
				insert into mta_event (event_id, message_id, type, smtp_status, occurred_at, received_at, outcome,
				  log_queued_at)
				select %s, message_id, 'DELIVERED', '250 2.0.0', :at, :at, 'APPLIED', :at
				from sending_log where delivery_id = :id
				""".formatted(POSTGRES ? "gen_random_uuid()" : "random_uuid()"))
			.param("id", id)
			.param("at", queued)
			.update();
		jdbc.sql("""
				insert into tracking_hit (delivery_id, log_id, kind, user_agent, at)
				select delivery_id, id, 'OPEN', 'bench', :at from sending_log
				where delivery_id = :id and mod(member_id, :every) = 0
				""").param("id", id).param("at", queued.plusHours(2)).param("every", openedEvery).update();
		return id;
	}

	/** Compute stats of a delivery and a plain count of its logs, in milliseconds. */
	record StatsTimes(double statsMillis, double countMillis) {
	}

	/**
	 * Times Compute stats of the delivery and a plain count(*) of its logs, each the
	 * median of so many rounds. A log changes before each timed statement, as in
	 * production: H2 would otherwise answer the second of two identical counts from its
	 * query cache.
	 */
	static StatsTimes timeComputeStats(JdbcClient jdbc, KpiService kpis, String deliveryId, int rounds) {
		double[] stats = new double[rounds];
		double[] counts = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			changeOneLog(jdbc, deliveryId, 2 * i);
			long start = System.nanoTime();
			kpis.computeStats(deliveryId);
			stats[i] = (System.nanoTime() - start) / 1e6;
			changeOneLog(jdbc, deliveryId, 2 * i + 1);
			start = System.nanoTime();
			jdbc.sql("select count(*) from sending_log where delivery_id = :id")
				.param("id", deliveryId)
				.query(Long.class)
				.single();
			counts[i] = (System.nanoTime() - start) / 1e6;
		}
		return new StatsTimes(median(stats), median(counts));
	}

	private static void changeOneLog(JdbcClient jdbc, String deliveryId, int member) {
		jdbc.sql("update sending_log set attempts = attempts + 1 where delivery_id = :id and member_id = :m")
			.param("id", deliveryId)
			.param("m", member)
			.update();
	}

	/** The median; 0 of none. */
	static double median(double[] values) {
		if (values.length == 0) {
			return 0;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
