package org.campaigndelivery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.database.MonthlyPartitions;
import org.campaigndelivery.database.TableStatistics;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.sendinglog.SendingLogs;
import org.campaigndelivery.sendinglog.Slots;
import org.campaigndelivery.support.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: figures for docs/benchmarks.md, run with ./mvnw -Pbench verify
 * -Dtest=AgedDatabaseBenchmark -Dbench.database=postgres -Dbench.argLine=-Xmx512m. The
 * product on a database in use for a year beside the same product on an empty one, in one
 * run: a delivery of {@code bench.recipients} (100,000) relayed to Postfix's smtp-sink, a
 * lane's read of its next batch, the MTA reporting every message delivered, and Compute
 * stats of a million logs, measured on the empty database; then
 * {@code bench.aged.deliveries} (10) deliveries of {@code bench.aged.logs} logs each
 * (1,000,000 on PostgreSQL, 100,000 on H2), ended a month apart a year ago, are written
 * straight in SQL with one MTA event per log and an open for every tenth, and the same is
 * measured again. Last, a cleanup run purges those deliveries while a delivery relays,
 * and both are timed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.datasource.url=jdbc:h2:file:./target/bench/aged-${random.uuid};CACHE_SIZE=131072;WRITE_DELAY=0",
				"delivery.mta.sandbox.enabled=false", "logging.level.root=WARN" })
class AgedDatabaseBenchmark {

	private static final int RECIPIENTS = Integer.getInteger("bench.recipients", 100_000);

	private static final int AGED_DELIVERIES = Integer.getInteger("bench.aged.deliveries", 10);

	private static final int AGED_LOGS = Integer.getInteger("bench.aged.logs",
			BenchDatabase.POSTGRES ? 1_000_000 : 100_000);

	private static final int STATS_LOGS = Integer.getInteger("bench.stats.logs", 1_000_000);

	private static final int OPENED_EVERY = 10;

	private static final int LANES = 4;

	/** As delivery.sending.batch-size ships. */
	private static final int LANE_BATCH = 200;

	private static final int EVENT_BATCH = 1_000;

	private static final int WARM_UP_RECIPIENTS = 20_000;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KpiService kpis;

	@Autowired
	SendingLogs sendingLogs;

	@Autowired
	TableStatistics statistics;

	@Autowired
	MonthlyPartitions partitions;

	private BenchDeliveries deliveries;

	private Api mta;

	@DynamicPropertySource
	static void smtpSink(DynamicPropertyRegistry registry) throws IOException {
		int port = SmtpSink.start("aged database benchmark");
		registry.add("spring.mail.port", () -> port);
		registry.add("delivery.sending.lanes", () -> LANES);
		BenchDatabase.register(registry);
	}

	@AfterAll
	static void stopSink() {
		SmtpSink.stop();
	}

	@Test
	void measureOnAnEmptyDatabaseThenOnOneInUseForAYear() throws Exception {
		this.deliveries = new BenchDeliveries(this.rest, this.objectMapper, this.jdbc, "aged database benchmark");
		Api.Response token = this.deliveries.preparer()
			.as("demo")
			.post("/api/tokens", Map.of("user", "mta", "name", "aged database benchmark"));
		assertThat(token.code()).as(token.text()).isEqualTo(201);
		this.mta = new Api(this.rest, this.objectMapper, null).withToken(token.json().get("token").asText());
		// the measured code compiled, as on a server that has been up a while
		BenchDeliveries.Prepared warmUp = this.deliveries.prepare(WARM_UP_RECIPIENTS, "warm", SendBenchmark.HTML, null);
		this.deliveries.relay(warmUp.id());
		this.deliveries.reportDelivered(this.mta, warmUp.id(), EVENT_BATCH);

		HeapWatch heap = HeapWatch.start(this.jdbc);
		Figures empty = measure("empty");

		long start = System.nanoTime();
		List<String> aged = new ArrayList<>();
		YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(12 + AGED_DELIVERIES);
		for (int i = 0; i < AGED_DELIVERIES; i++) {
			aged.add(BenchDatabase.endedDelivery(this.jdbc, this.partitions, AGED_LOGS, OPENED_EVERY,
					month.plusMonths(i)));
			this.deliveries.progress("aged delivery " + (i + 1) + " written", BenchDeliveries.seconds(start));
		}
		settle(month, AGED_DELIVERIES);
		double agingSeconds = BenchDeliveries.seconds(start);
		long agedLogs = (long) AGED_DELIVERIES * AGED_LOGS;
		Figures old = measure("aged");

		Purge purge = purgeWhileRelaying();
		heap.stop();
		assertThat(purge.run().get("purged").get("sendingLogs").asLong()).isEqualTo(agedLogs);
		assertThat(purge.run().get("purged").get("deliveries").asInt()).isEqualTo(AGED_DELIVERIES);

		String row = "  %-66s %,14.0f %,14.0f   %.2f";
		String report = String.join("\n",
				String.format(Locale.ROOT,
						"aged database benchmark (%s), heap limit %d MB: %,d deliveries of %,d logs ended a month apart"
								+ " a year ago, an MTA event per log, %,d opens (written in %.0f s)",
						BenchDatabase.NAME, Runtime.getRuntime().maxMemory() / 1024 / 1024, AGED_DELIVERIES, AGED_LOGS,
						agedLogs / OPENED_EVERY, agingSeconds),
				String.format(Locale.ROOT, "  %-66s %14s %14s   %s", "", "aged database", "empty database",
						"aged / empty"),
				String.format(Locale.ROOT, row, "relay of " + RECIPIENTS + " recipients, 4 lanes (messages/s)",
						RECIPIENTS / old.relaySeconds(), RECIPIENTS / empty.relaySeconds(),
						empty.relaySeconds() / old.relaySeconds()),
				String.format(Locale.ROOT, row, "  the same from 10 % to 90 % relayed (messages/s)", old.steadyRate(),
						empty.steadyRate(), old.steadyRate() / empty.steadyRate()),
				String.format(Locale.ROOT, "  %-66s %14.2f %14.2f   %.2f",
						"a lane's read of its next batch of " + LANE_BATCH + " (ms, median of 21)",
						old.batchReadMillis(), empty.batchReadMillis(),
						old.batchReadMillis() / empty.batchReadMillis()),
				String.format(Locale.ROOT, row, "POST /api/mta/events, a DELIVERED per message (events/s)",
						RECIPIENTS / old.intakeSeconds(), RECIPIENTS / empty.intakeSeconds(),
						empty.intakeSeconds() / old.intakeSeconds()),
				String.format(Locale.ROOT, row, "Compute stats of " + STATS_LOGS + " logs (ms, median of 5)",
						old.statsMillis(), empty.statsMillis(), old.statsMillis() / empty.statsMillis()),
				String.format(Locale.ROOT, row, "  reference: select count(*) of its logs (ms, median of 5)",
						old.countMillis(), empty.countMillis(), old.countMillis() / empty.countMillis()),
				String.format(Locale.ROOT,
						"  cleanup run while a delivery of %,d relays: %,d logs, %,d events, %,d opens purged in %.1f s"
								+ " (%d batches, %,.0f logs/s)",
						RECIPIENTS, agedLogs, purge.run().get("purged").get("mtaEvents").asLong(),
						purge.run().get("purged").get("trackingHits").asLong(), purge.seconds(),
						purge.run().get("batches").asInt(), agedLogs / purge.logsSeconds()),
				String.format(Locale.ROOT,
						"    a month of %,d logs gone %.2f s after the one before at most, %.2f s as the median"
								+ " (each a batch job of its own)",
						AGED_LOGS, purge.longestMonthSeconds(), purge.medianMonthSeconds()),
				String.format(Locale.ROOT,
						"    relay while the months went (%.1f s): %,.0f messages/s, %.2f of the aged database's steady"
								+ " rate without a purge (%,.0f messages/s, from 10 %% to 90 %% relayed)",
						purge.monthsSeconds(), purge.monthsRate(), purge.monthsRate() / old.steadyRate(),
						old.steadyRate()),
				String.format(Locale.ROOT,
						"    relay over the whole purge %,.0f messages/s, %.2f of the aged database's without a purge (%.0f"
								+ " %% of the relay overlapped the purge)",
						RECIPIENTS / purge.relaySeconds(), old.relaySeconds() / purge.relaySeconds(),
						100 * purge.overlap()),
				String.format(Locale.ROOT, "  heap peak %d MB, engine jobs at most %d at once", heap.peakMegabytes(),
						heap.peakJobs()),
				"");
		System.out.println(report);
		Files.createDirectories(Path.of("target", "bench"));
		Files.writeString(Path.of("target", "bench", "aged-" + BenchDatabase.KEY + ".txt"), report);
	}

	private record Figures(double relaySeconds, double steadyRate, double batchReadMillis, double intakeSeconds,
			double statsMillis, double countMillis) {
	}

	private record Purge(JsonNode run, double seconds, double logsSeconds, double longestMonthSeconds,
			double medianMonthSeconds, double relaySeconds, double overlap, double monthsRate, double monthsSeconds) {
	}

	private Figures measure(String name) throws IOException, InterruptedException {
		BenchDeliveries.Prepared prepared = this.deliveries.prepare(RECIPIENTS, name, SendBenchmark.HTML, null);
		double[] reads = new double[21];
		for (int i = 0; i < reads.length; i++) {
			long start = System.nanoTime();
			assertThat(this.sendingLogs.nextBatch(prepared.id(), Slots.ofLane(i % LANES, LANES), LANE_BATCH))
				.hasSize(LANE_BATCH);
			reads[i] = BenchDeliveries.seconds(start) * 1000;
		}
		double relaySeconds;
		double steadyRate;
		try (RelaySampler sampler = new RelaySampler(this.jdbc, prepared.id())) {
			relaySeconds = this.deliveries.relay(prepared.id());
			steadyRate = sampler.rateBetween(RECIPIENTS / 10, RECIPIENTS * 9 / 10);
		}
		long start = System.nanoTime();
		this.deliveries.reportDelivered(this.mta, prepared.id(), EVENT_BATCH);
		double intakeSeconds = BenchDeliveries.seconds(start);
		assertThat(this.kpis.computeStats(prepared.id()).delivered()).isEqualTo(RECIPIENTS);

		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		String big = BenchDatabase.relayedDelivery(this.jdbc, this.statistics, STATS_LOGS, "SENT", now,
				now.minusMinutes(10), now);
		if (this.partitions.enabled()) {
			// measured as autovacuum leaves a bulk load, in both phases alike
			this.jdbc.sql("vacuum analyze " + this.partitions.loadedInto("sending_log", now)).update();
		}
		BenchDatabase.StatsTimes stats = BenchDatabase.timeComputeStats(this.jdbc, this.kpis, big, 5);
		// The next phase's current month holds what a year adds, not this phase's
		// leftovers.
		this.jdbc.sql("delete from sending_log where delivery_id = :id").param("id", big).update();
		if (this.partitions.enabled()) {
			this.jdbc.sql("vacuum analyze " + this.partitions.loadedInto("sending_log", now)).update();
		}
		Figures figures = new Figures(relaySeconds, steadyRate, BenchDatabase.median(reads), intakeSeconds,
				stats.statsMillis(), stats.countMillis());
		System.out.println("aged database benchmark: " + name + " " + figures);
		return figures;
	}

	/**
	 * What a year does to the months written: PostgreSQL's autovacuum has long since
	 * vacuumed and analysed them, and their pages are on disk.
	 */
	private void settle(YearMonth first, int months) {
		if (!this.partitions.enabled()) {
			return;
		}
		for (int i = 0; i < months; i++) {
			for (String table : List.of("sending_log", "mta_event")) {
				this.jdbc.sql("vacuum analyze " + this.partitions.partition(table, first.plusMonths(i))).update();
			}
		}
		this.jdbc.sql("vacuum analyze tracking_hit").update();
		// nor is it still writing out the bulk load's pages at the next checkpoint
		this.jdbc.sql("checkpoint").update();
	}

	/**
	 * Starts a cleanup run as an admin once a delivery is relaying, follows its purged
	 * logs until it ends, and waits for the relay.
	 */
	private Purge purgeWhileRelaying() throws Exception {
		BenchDeliveries.Prepared prepared = this.deliveries.prepare(RECIPIENTS, "purge", SendBenchmark.HTML, null);
		long relayStart = System.nanoTime();
		RelaySampler sampler = new RelaySampler(this.jdbc, prepared.id());
		CompletableFuture<Double> relay = CompletableFuture.supplyAsync(() -> this.deliveries.relay(prepared.id()));
		await().atMost(Duration.ofMinutes(1)).until(() -> sent(prepared.id()) >= RECIPIENTS / 10);
		Api admin = this.deliveries.preparer().as("demo");
		long start = System.nanoTime();
		Api.Response started = admin.post("/api/maintenance/cleanup", Map.of());
		assertThat(started.code()).as(started.text()).isEqualTo(202);
		List<Double> monthsGone = new ArrayList<>();
		long lastMonthNanos = start;
		long logs = 0;
		JsonNode run;
		double logsSeconds = 0;
		while (true) {
			run = admin.get("/api/maintenance/cleanup-runs?page=0&size=1").json().get(0);
			long purged = run.get("purged").get("sendingLogs").asLong();
			double at = BenchDeliveries.seconds(start);
			while (purged >= (monthsGone.size() + 1L) * AGED_LOGS) {
				monthsGone.add(at);
				lastMonthNanos = System.nanoTime();
			}
			if (purged > logs) {
				logs = purged;
				logsSeconds = at;
			}
			if (!run.get("running").asBoolean()) {
				break;
			}
			Thread.sleep(20);
		}
		double purgeSeconds = BenchDeliveries.seconds(start);
		boolean relayDoneFirst = relay.isDone();
		double relaySeconds = relay.get();
		sampler.close();
		double monthsRate = sampler.rate(start, lastMonthNanos);
		double relayEnd = BenchDeliveries.seconds(relayStart);
		double purgeStart = (start - relayStart) / 1e9;
		double overlap = (Math.min(relayEnd, purgeStart + purgeSeconds) - purgeStart) / relayEnd;
		System.out.println("aged database benchmark: purge " + run + (relayDoneFirst ? ", relay done first" : ""));
		double[] gaps = new double[monthsGone.size()];
		for (int i = 0; i < gaps.length; i++) {
			gaps[i] = monthsGone.get(i) - ((i == 0) ? 0 : monthsGone.get(i - 1));
		}
		return new Purge(run, purgeSeconds, logsSeconds, Arrays.stream(gaps).max().orElse(0),
				BenchDatabase.median(gaps), relaySeconds, overlap, monthsRate, (lastMonthNanos - start) / 1e9);
	}

	/** How many logs of a delivery were relayed, sampled every 200 ms while it relays. */
	private static final class RelaySampler implements AutoCloseable {

		private final List<long[]> samples = new CopyOnWriteArrayList<>();

		private volatile boolean running = true;

		private final Thread thread;

		RelaySampler(JdbcClient jdbc, String deliveryId) {
			this.thread = new Thread(() -> {
				while (this.running) {
					this.samples.add(new long[] { System.nanoTime(), relayed(jdbc, deliveryId) });
					try {
						Thread.sleep(200);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "relay-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		static long relayed(JdbcClient jdbc, String deliveryId) {
			return jdbc.sql("select count(*) from sending_log where delivery_id = :id and relay_state = 'RELAYED'")
				.param("id", deliveryId)
				.query(Long.class)
				.single();
		}

		/** Messages per second between the samples that first saw these counts. */
		double rateBetween(long low, long high) {
			long[] from = this.samples.stream().filter((s) -> s[1] >= low).findFirst().orElseThrow();
			long[] to = this.samples.stream().filter((s) -> s[1] >= high).findFirst().orElseThrow();
			return (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
		}

		/**
		 * Messages per second between the first sample after one time and the last before
		 * the other.
		 */
		double rate(long fromNanos, long toNanos) {
			long[] from = this.samples.stream().filter((s) -> s[0] >= fromNanos).findFirst().orElseThrow();
			long[] to = this.samples.stream().filter((s) -> s[0] <= toNanos).reduce((a, b) -> b).orElseThrow();
			return (to[0] > from[0]) ? (to[1] - from[1]) / ((to[0] - from[0]) / 1e9) : 0;
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

	}

	private long sent(String id) {
		return RelaySampler.relayed(this.jdbc, id);
	}

}
