package org.campaigndelivery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.database.TableStatistics;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.support.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: figures for docs/benchmarks.md, run with ./mvnw -Pbench verify. MTA events
 * ingested over HTTP in batches of 1,000 on the H2 file default, and Compute stats on
 * 1,000,000 logs, each beside a reference measured in the same run on the same database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:file:./target/bench/h2-${random.uuid};CACHE_SIZE=131072;WRITE_DELAY=0",
		"camunda.bpm.job-execution.enabled=false", "delivery.mta.sandbox.enabled=false", "logging.level.root=WARN" })
class FeedbackBenchmark {

	private static final int EVENTS = 100_000;

	private static final int BATCH = 1_000;

	private static final int ROUNDS = 3;

	private static final int LOGS_FOR_STATS = 1_000_000;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	KpiService kpis;

	@Autowired
	TableStatistics statistics;

	@Autowired
	TransactionTemplate transactions;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		BenchDatabase.register(registry);
	}

	@Test
	void ingestAndComputeStats() throws IOException {
		// As a machine client posts: with an API token acting as the mta user.
		Api.Response token = new Api(this.rest, this.objectMapper, "demo").post("/api/tokens",
				Map.of("user", "mta", "name", "feedback benchmark"));
		assertThat(token.code()).as(token.text()).isEqualTo(201);
		Api mta = new Api(this.rest, this.objectMapper, null).withToken(token.json().get("token").asText());
		String warmUp = relayedDelivery(20 * BATCH);
		ingest(mta, warmUp, messageIds(warmUp));

		// Rounds alternate between the application and the reference, each on a delivery
		// of its own, and each side keeps its best round: this machine's speed drifts by
		// a third within a run, and both sides should meet it alike.
		double ingestSeconds = Double.MAX_VALUE;
		double referenceSeconds = Double.MAX_VALUE;
		for (int round = 0; round < ROUNDS; round++) {
			String measured = relayedDelivery(EVENTS);
			List<String> measuredIds = messageIds(measured);
			long start = System.nanoTime();
			ingest(mta, measured, measuredIds);
			ingestSeconds = Math.min(ingestSeconds, seconds(start));
			assertThat(this.kpis.kpis(measured).orElseThrow().withoutComputedAt())
				.isEqualTo(this.kpis.computeStats(measured).withoutComputedAt());

			String reference = relayedDelivery(EVENTS);
			List<String> referenceIds = messageIds(reference);
			start = System.nanoTime();
			insertEventsAndMoveLogs(referenceIds);
			referenceSeconds = Math.min(referenceSeconds, seconds(start));
		}

		String big = relayedDelivery(LOGS_FOR_STATS);
		BenchDatabase.StatsTimes stats = BenchDatabase.timeComputeStats(this.jdbc, this.kpis, big, 7);
		assertThat(this.kpis.kpis(big).orElseThrow().toDeliver()).isEqualTo(LOGS_FOR_STATS);

		String report = String.join("\n",
				String.format(Locale.ROOT, "%-52s %-22s %s", "benchmark (" + BenchDatabase.NAME + ")", "measured",
						"reference, same run"),
				String.format(Locale.ROOT, "%-52s %-22s %s",
						"POST /api/mta/events (API token), "
								+ EVENTS + " events in batches of " + BATCH + " (best of " + ROUNDS + ")",
						String.format(Locale.ROOT, "%,.0f events/s", EVENTS / ingestSeconds),
						String.format(Locale.ROOT,
								"%,.0f events/s: per 1,000, events inserted and logs updated over JDBC",
								EVENTS / referenceSeconds)),
				String.format(Locale.ROOT, "%-52s %-22s %s", "Compute stats, " + LOGS_FOR_STATS + " logs (median of 7)",
						String.format(Locale.ROOT, "%.0f ms", stats.statsMillis()), String.format(Locale.ROOT,
								"%.0f ms: select count(*) of the delivery's logs", stats.countMillis())),
				"");
		System.out.println(report);
		Files.createDirectories(Path.of("target", "bench"));
		Files.writeString(Path.of("target", "bench", "feedback-" + BenchDatabase.KEY + ".txt"), report);
	}

	/** 70 % delivered, 20 % soft bounces, 10 % hard bounces, one event per log. */
	private void ingest(Api mta, String deliveryId, List<String> messageIds) {
		for (int from = 0; from < messageIds.size(); from += BATCH) {
			List<Map<String, Object>> batch = new ArrayList<>(BATCH);
			for (int i = from; i < from + BATCH; i++) {
				Map<String, Object> event = new HashMap<>();
				event.put("messageId", messageIds.get(i));
				switch (i % 10) {
					case 0 -> event.putAll(Map.of("type", "HARD_BOUNCE", "smtpStatus", "550 5.1.1"));
					case 1, 2 -> event.putAll(Map.of("type", "SOFT_BOUNCE", "smtpStatus", "452 4.2.2"));
					default -> event.putAll(Map.of("type", "DELIVERED", "smtpStatus", "250 2.0.0"));
				}
				batch.add(event);
			}
			Api.Response response = mta.post("/api/mta/events", batch);
			assertThat(response.code()).as(response.text()).isEqualTo(202);
			assertThat(response.json().get("accepted").asInt()).isEqualTo(BATCH);
		}
	}

	/**
	 * What the intake's database work comes to, over bare JDBC: per batch of 1,000, in
	 * one transaction, the events inserted and their logs' status columns updated, the
	 * same 70 / 20 / 10 mix as the application gets. What the application adds to it is
	 * HTTP, JSON, authentication, validation, the state machine and the counters.
	 */
	private void insertEventsAndMoveLogs(List<String> messageIds) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		for (int from = 0; from < messageIds.size(); from += BATCH) {
			List<Object[]> events = new ArrayList<>(BATCH);
			List<Object[]> logs = new ArrayList<>(BATCH);
			for (int i = from; i < Math.min(from + BATCH, messageIds.size()); i++) {
				String messageId = messageIds.get(i);
				long logId = MessageIds.logId(messageId).orElseThrow();
				String type = switch (i % 10) {
					case 0 -> "HARD_BOUNCE";
					case 1, 2 -> "SOFT_BOUNCE";
					default -> "DELIVERED";
				};
				events.add(new Object[] { UUID.randomUUID(), messageId, type, "250 2.0.0", now, now, "APPLIED" });
				logs.add(new Object[] { "HARD_BOUNCE".equals(type) ? "FAILED" : "SENT",
						"DELIVERED".equals(type) ? null : type.substring(0, 4), now, now, logId });
			}
			this.transactions.executeWithoutResult((status) -> {
				this.jdbcTemplate.batchUpdate(
						"""
								insert into mta_event (event_id, message_id, type, smtp_status, occurred_at, received_at, outcome)
								values (?, ?, ?, ?, ?, ?, ?)
								""",
						events);
				this.jdbcTemplate.batchUpdate("""
						update sending_log set status = ?, failure_type = ?, last_event_at = ?, updated_at = ?,
						  version = version + 1
						where id = ?
						""", logs);
			});
		}
	}

	/**
	 * A delivery whose logs were all relayed (without the Email Feedback Service),
	 * written straight in SQL.
	 */
	private String relayedDelivery(int logs) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return BenchDatabase.relayedDelivery(this.jdbc, this.statistics, logs, "SENT", now, now.minusMinutes(10));
	}

	/** Gives the delivery's logs the Message-IDs they were relayed with. */
	private List<String> messageIds(String deliveryId) {
		List<Object[]> rows = new ArrayList<>();
		this.jdbc.sql("select id from sending_log where delivery_id = :id order by member_id")
			.param("id", deliveryId)
			.query(rs -> {
				long id = rs.getLong(1);
				rows.add(new Object[] { MessageIds.of(id, deliveryId, "news@example.com"), id });
			});
		this.jdbcTemplate.batchUpdate("update sending_log set message_id = ? where id = ?", rows);
		return rows.stream().map(row -> (String) row[0]).toList();
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
