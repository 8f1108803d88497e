package org.campaigndelivery.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.tracking.MessageTracking;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: what tracking costs the relay. The same delivery is relayed to Postfix's
 * smtp-sink three times, side by side in one run: with tracking off (the reference), with
 * tracking on (links rewritten and signed, a pixel added), and with tracking on while
 * recipients' mail clients fetch 2,000 pixels a second over HTTP. Needs Debian's postfix
 * package. Run with ./mvnw -Pbench verify -Dtest=TrackingBenchmark; -Dbench.recipients
 * sets the size (20,000 by default), -Dbench.database=postgres runs it on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:file:./target/bench/tracking-${random.uuid};CACHE_SIZE=131072;WRITE_DELAY=0",
		"delivery.mta.sandbox.enabled=false", "logging.level.root=WARN" })
class TrackingBenchmark {

	private static final int RECIPIENTS = Integer.getInteger("bench.recipients", 20_000);

	private static final int LANES = 4;

	private static final int HITS_PER_SECOND = 2_000;

	private static final Pattern PIXEL = Pattern.compile("/t/o/([^\"]+)\"");

	private static int sinkPort;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageTracking tracking;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void smtpSink(DynamicPropertyRegistry registry) throws IOException {
		sinkPort = SmtpSink.start("tracking benchmark");
		registry.add("spring.mail.port", () -> sinkPort);
		registry.add("delivery.sending.lanes", () -> LANES);
		BenchDatabase.register(registry);
	}

	@AfterAll
	static void stopSink() {
		SmtpSink.stop();
	}

	@Test
	void relayWithAndWithoutTrackingAndHits() throws Exception {
		Api starter = new Api(this.rest, this.objectMapper, "starter");
		relay(starter, false, "warm-up");
		double off = relay(starter, false, "off");
		double on = relay(starter, true, "on");
		List<String> pixels = pixels(10_000);
		// The same requests with tokens that are not ours: answered 404, nothing written,
		// so
		// that what serving the requests costs shows apart from what storing the hits
		// does.
		HitLoad load = HitLoad.start(this.port, pixels.stream().map((p) -> p + "x").toList(), 404);
		double underHttp = relay(starter, true, "requests");
		HitLoad.Result requests = load.stop();
		load = HitLoad.start(this.port, pixels, 200);
		double underLoad = relay(starter, true, "hits");
		HitLoad.Result hits = load.stop();
		long stored = storedWithin(Duration.ofSeconds(30), hits.answered());

		String report = String.join("\n",
				String.format(Locale.ROOT, "tracking benchmark, %,d recipients a delivery, %d lanes, %s, smtp-sink",
						RECIPIENTS, LANES, BenchDatabase.NAME),
				String.format(Locale.ROOT, "  reference: relay, tracking off        %,8.0f messages/s  (%.1f s)",
						RECIPIENTS / off, off),
				String.format(Locale.ROOT,
						"  relay, tracking on                    %,8.0f messages/s  (%.1f s)  %.0f %% of the reference",
						RECIPIENTS / on, on, 100 * off / on),
				String.format(Locale.ROOT,
						"  relay, tracking on, forged pixels     %,8.0f messages/s  (%.1f s)  %.0f %% of the reference; %,d requests answered 404 (%,.0f/s), nothing stored",
						RECIPIENTS / underHttp, underHttp, 100 * off / underHttp, requests.answered(),
						requests.answered() / underHttp),
				String.format(Locale.ROOT,
						"  relay, tracking on, pixels fetched    %,8.0f messages/s  (%.1f s)  %.0f %% of the reference",
						RECIPIENTS / underLoad, underLoad, 100 * off / underLoad),
				String.format(Locale.ROOT,
						"  pixels fetched meanwhile: %,d asked at up to %,d/s (%,d more not asked: 64 under way), %,d answered (%,.0f/s), all 200: %s, stored %,d; median %.1f ms, 99th percentile %.1f ms",
						hits.sent(), HITS_PER_SECOND, hits.skipped(), hits.answered(), hits.answered() / underLoad,
						hits.allOk(), stored, hits.percentile(50), hits.percentile(99)),
				"");
		System.out.println(report);
		Files.createDirectories(Path.of("target", "bench"));
		Files.writeString(Path.of("target", "bench", "tracking-" + BenchDatabase.KEY + ".txt"), report);
	}

	/**
	 * Relays a delivery of inline recipients; returns the seconds from confirmation to
	 * SENT.
	 */
	private double relay(Api starter, boolean tracking, String name) {
		List<Map<String, Object>> recipients = new ArrayList<>(RECIPIENTS);
		for (int i = 0; i < RECIPIENTS; i++) {
			recipients.add(Map.of("email", name + i + "@example.com", "firstName", "First" + i, "city", "City" + i));
		}
		Api.Response created = starter.post("/api/deliveries",
				DeliveryRequests.delivery()
					.with("recipients", recipients)
					.with("approvalMode", "AUTOMATIC")
					.with("tracking", tracking)
					.body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		await().atMost(Duration.ofHours(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> status(starter, id).equals("AWAITING_CONFIRMATION"));
		long start = System.nanoTime();
		starter.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		await().atMost(Duration.ofHours(1))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> status(starter, id).equals("SENT"));
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "tracking benchmark: %s relayed in %.1f s%n", name, seconds);
		return seconds;
	}

	/** Pixel paths of messages relayed a minute ago, as the relay writes them. */
	private List<String> pixels(int count) {
		String deliveryId = this.jdbc.sql("select id from delivery order by created_at fetch first 1 row only")
			.query(String.class)
			.single();
		List<String> pixels = new ArrayList<>(count);
		for (long log = 1; log <= count; log++) {
			Matcher pixel = PIXEL.matcher(
					this.tracking.track("<html><body></body></html>", log, deliveryId, Instant.now().minusSeconds(60)));
			assertThat(pixel.find()).isTrue();
			pixels.add("/t/o/" + pixel.group(1));
		}
		return pixels;
	}

	private long storedWithin(Duration patience, int expected) {
		Instant deadline = Instant.now().plus(patience);
		long stored;
		do {
			stored = this.jdbc.sql("select count(*) from tracking_hit").query(Long.class).single();
		}
		while (stored < expected && Instant.now().isBefore(deadline));
		return stored;
	}

	private static String status(Api api, String id) {
		return api.get("/api/deliveries/" + id).json().get("status").asText();
	}

	/** Mail clients fetching pixels at a steady rate, 20 every 10 ms. */
	private static final class HitLoad {

		private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(8))
			.build();

		/** Requests under way at most: as many connections as mail clients would hold. */
		private final Semaphore connections = new Semaphore(64);

		private final AtomicInteger skipped = new AtomicInteger();

		private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

		private final AtomicInteger sent = new AtomicInteger();

		private final AtomicInteger answered = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

		private final List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());

		static HitLoad start(int port, List<String> pixels, int expectedStatus) {
			HitLoad load = new HitLoad();
			load.clock.scheduleAtFixedRate(() -> {
				for (int i = 0; i < HITS_PER_SECOND / 100; i++) {
					if (!load.connections.tryAcquire()) {
						load.skipped.incrementAndGet();
						continue;
					}
					String path = pixels.get(load.sent.getAndIncrement() % pixels.size());
					long start = System.nanoTime();
					HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
						.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Thunderbird/128.5.0")
						.build();
					load.pending.add(load.http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
						.whenComplete((response, error) -> {
							load.connections.release();
							if (error == null && response.statusCode() == expectedStatus) {
								load.answered.incrementAndGet();
								load.latencies.add(System.nanoTime() - start);
							}
							else {
								load.failed.incrementAndGet();
							}
						}));
				}
			}, 0, 10, TimeUnit.MILLISECONDS);
			return load;
		}

		Result stop() throws InterruptedException {
			this.clock.shutdown();
			this.clock.awaitTermination(1, TimeUnit.MINUTES);
			CompletableFuture.allOf(this.pending.toArray(CompletableFuture[]::new)).exceptionally((ex) -> null).join();
			List<Long> sorted = new ArrayList<>(this.latencies);
			sorted.sort(null);
			return new Result(this.sent.get(), this.skipped.get(), this.answered.get(), this.failed.get() == 0, sorted);
		}

		/**
		 * @param skipped hits not asked because 64 were under way already
		 */
		record Result(int sent, int skipped, int answered, boolean allOk, List<Long> latencies) {

			double percentile(int p) {
				if (this.latencies.isEmpty()) {
					return 0;
				}
				return this.latencies.get(Math.min(this.latencies.size() - 1, this.latencies.size() * p / 100)) / 1e6;
			}

		}

	}

}
