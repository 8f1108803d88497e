package org.campaigndelivery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.TableStatistics;
import org.campaigndelivery.retention.CleanupRun;
import org.campaigndelivery.retention.CleanupService;
import org.campaigndelivery.sendinglog.MessageIds;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: figures for docs/benchmarks.md, run with ./mvnw -Pbench verify. The cleanup
 * process's purge of a delivery of 1,000,000 sending logs and as many MTA events, ended a
 * year ago, in the batches the dataCleanup process runs (each its own transaction, as its
 * jobs are), beside the same rows deleted by one statement per table in the same run on
 * the same database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:file:./target/bench/h2-${random.uuid};CACHE_SIZE=131072;WRITE_DELAY=0",
		"camunda.bpm.job-execution.enabled=false", "delivery.mta.sandbox.enabled=false", "logging.level.root=WARN" })
class CleanupBenchmark {

	private static final int LOGS = Integer.getInteger("bench.cleanup.logs", 1_000_000);

	private static final int INSERT_BATCH = 5_000;

	@Autowired
	CleanupService cleanup;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	TableStatistics statistics;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		BenchDatabase.register(registry);
	}

	@Test
	void purgeAMillionLogsWithTheirEvents() throws IOException {
		String purged = endedDelivery(LOGS);
		String runId = UUID.randomUUID().toString();
		assertThat(this.cleanup.begin(runId, "bench")).isTrue();
		long start = System.nanoTime();
		while (this.cleanup.purgeBatch(runId)) {
			// one batch per transaction, as the process's jobs run them
		}
		double purgeSeconds = seconds(start);
		this.cleanup.finish(runId);
		CleanupRun run = this.cleanup.runs(Paging.of("0", "1")).get(0);
		assertThat(run.purged().sendingLogs()).isEqualTo(LOGS);
		assertThat(run.purged().mtaEvents()).isEqualTo(LOGS);
		assertThat(count("select count(*) from sending_log where delivery_id = :id", purged)).isZero();

		String reference = endedDelivery(LOGS);
		String any = MessageIds.of(0, reference, "news@example.com");
		String ofTheDelivery = "<%" + any.substring(any.indexOf('.'));
		start = System.nanoTime();
		this.jdbc.sql("delete from mta_event where message_id like :pattern").param("pattern", ofTheDelivery).update();
		this.jdbc.sql("delete from sending_log where delivery_id = :id").param("id", reference).update();
		double referenceSeconds = seconds(start);
		assertThat(count("select count(*) from sending_log where delivery_id = :id", reference)).isZero();

		String report = String.join("\n",
				String.format(Locale.ROOT, "%-60s %-26s %s", "benchmark (" + BenchDatabase.NAME + ")", "measured",
						"reference, same run"),
				String.format(Locale.ROOT, "%-60s %-26s %s",
						"cleanup run, " + LOGS + " logs + " + LOGS + " events, " + run.batches() + " batches",
						String.format(Locale.ROOT, "%,.0f logs/s (%.1f s)", LOGS / purgeSeconds, purgeSeconds),
						String.format(Locale.ROOT, "%,.0f logs/s (%.1f s): one delete per table",
								LOGS / referenceSeconds, referenceSeconds)),
				"");
		System.out.println(report);
		Files.createDirectories(Path.of("target", "bench"));
		Files.writeString(Path.of("target", "bench", "cleanup-" + BenchDatabase.KEY + ".txt"), report);
	}

	private long count(String sql, String id) {
		return this.jdbc.sql(sql).param("id", id).query(Long.class).single();
	}

	/**
	 * A delivery finished a year ago with its logs all relayed and one MTA event each,
	 * written straight in SQL.
	 */
	private String endedDelivery(int logs) {
		OffsetDateTime ended = OffsetDateTime.now(ZoneOffset.UTC).minusDays(365);
		String id = BenchDatabase.relayedDelivery(this.jdbc, this.statistics, logs, "FINISHED", ended, ended);
		List<Object[]> events = new ArrayList<>(INSERT_BATCH);
		this.jdbc.sql("select id from sending_log where delivery_id = :id").param("id", id).query((rs) -> {
			String messageId = MessageIds.of(rs.getLong(1), id, "news@example.com");
			events.add(new Object[] { UUID.randomUUID(), messageId, ended, ended });
			if (events.size() == INSERT_BATCH) {
				insertEvents(events);
				events.clear();
			}
		});
		insertEvents(events);
		return id;
	}

	private void insertEvents(List<Object[]> events) {
		this.jdbcTemplate.batchUpdate("""
				insert into mta_event (event_id, message_id, type, occurred_at, received_at, outcome)
				values (?, ?, 'DELIVERED', ?, ?, 'APPLIED')
				""", events);
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
