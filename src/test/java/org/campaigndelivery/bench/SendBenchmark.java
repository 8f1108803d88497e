package org.campaigndelivery.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.delivery.SwitchableGuard;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.sending.DkimKeys;
import org.campaigndelivery.sending.SwitchableSigning;
import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.sendinglog.Slots;
import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: the send throughput of the whole product (audience import, preparation,
 * confirmation, the sending lanes run by the job executor) relayed to Postfix's
 * smtp-sink, beside Postfix's smtp-source sending as many messages with as many sessions
 * as there are lanes to the same sink. Three deliveries are measured in one run: the text
 * part read from the HTML, the text part from its own template, and the first again
 * DKIM-signed (a fresh RSA key of 2048 bits, -Dbench.dkimKeyBits=1024 for another size),
 * so that what signing costs shows beside the relay without it, and the first once more
 * with the reputation guard off, so that what its look before each batch costs shows
 * beside the relay with it (on, as shipped, in the others); each is relayed twice, taking
 * turns, and the faster relay counts. Needs Debian's postfix package. Run with ./mvnw
 * -Pbench verify; -Dbench.recipients=1000000 -Dbench.argLine=-Xmx512m for the
 * million-recipient run, -Dbench.database=postgres to run it on PostgreSQL at
 * 127.0.0.1:5432 instead of an H2 file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.datasource.url=jdbc:h2:file:./target/bench/send-${random.uuid};CACHE_SIZE=131072;WRITE_DELAY=0",
				"delivery.mta.sandbox.enabled=false", "logging.level.root=WARN" })
@Import({ SwitchableSigning.class, SwitchableGuard.class })
class SendBenchmark {

	private static final int RECIPIENTS = Integer.getInteger("bench.recipients", 100_000);

	private static final int LANES = 4;

	private static final int EVENT_BATCH = 1000;

	private static final int WARM_UP_RECIPIENTS = 20_000;

	/** -Dbench.dkimKeyBits=1024: the signed delivery's RSA key size. */
	private static final int DKIM_KEY_BITS = Integer.getInteger("bench.dkimKeyBits", 2048);

	/**
	 * -Dbench.warmUp=false: the measured delivery is the first the application relays.
	 */
	private static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("bench.warmUp", "true"));

	/** A newsletter of about 1.2 KB, personalised and with links, as a campaign sends. */
	private static final String HTML = """
			<html><head><meta charset="utf-8"><title>News</title></head><body style="font-family:sans-serif">
			<h1>Hello {{firstName}} {{lastName}}</h1>
			<p>Our spring collection has arrived in {{city}}. This week only, members get a tenth off every
			order, with free delivery above fifty euros and returns within thirty days.</p>
			<table width="100%"><tr><td><a href="https://shop.example.com/new?c={{city}}">New arrivals</a></td>
			<td><a href="https://shop.example.com/sale">The sale</a></td>
			<td><a href="https://shop.example.com/stores">Find a store</a></td></tr></table>
			<p>Your member number is {{email}}: show it at the till or enter it at checkout to get your discount.
			Opening hours, events and workshops near you are on our site. Members also hear first about
			private sales, repairs and the recycling of clothes worn out, in every store and online.</p>
			<p>See you soon, the Example Shop team</p>
			<p style="font-size:small;color:#666">You receive this newsletter because you subscribed on
			shop.example.com. Example Shop, 1 Market Street, 75001 Paris.
			<a href="https://shop.example.com/unsubscribe">Unsubscribe</a></p></body></html>
			""";

	/** The same newsletter as text, for the delivery that gives its text part. */
	private static final String TEXT = """
			Hello {{firstName}} {{lastName}}

			Our spring collection has arrived in {{city}}. This week only, members get a tenth off every
			order, with free delivery above fifty euros and returns within thirty days.

			New arrivals <https://shop.example.com/new?c={{city}}>
			The sale <https://shop.example.com/sale>
			Find a store <https://shop.example.com/stores>

			Your member number is {{email}}: show it at the till or enter it at checkout to get your discount.
			Opening hours, events and workshops near you are on our site. Members also hear first about
			private sales, repairs and the recycling of clothes worn out, in every store and online.

			See you soon, the Example Shop team

			You receive this newsletter because you subscribed on shop.example.com. Example Shop,
			1 Market Street, 75001 Paris. Unsubscribe <https://shop.example.com/unsubscribe>
			""";

	private static int sinkPort;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	KpiService kpis;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void smtpSink(DynamicPropertyRegistry registry) throws IOException, GeneralSecurityException {
		sinkPort = SmtpSink.start("send benchmark");
		registry.add("spring.mail.port", () -> sinkPort);
		registry.add("delivery.sending.lanes", () -> LANES);
		Files.createDirectories(Path.of("target", "bench"));
		DkimKeys keys = DkimKeys.generate(Path.of("target", "bench"), "RSA", DKIM_KEY_BITS);
		registry.add("delivery.dkim.domain", () -> "shop.example.com");
		registry.add("delivery.dkim.selector", () -> "bench");
		registry.add("delivery.dkim.private-key", () -> keys.privateKey().toString());
		BenchDatabase.register(registry);
	}

	@AfterAll
	static void stopSink() {
		SmtpSink.stop();
	}

	@Test
	void sendToSmtpSink() throws Exception {
		Api preparer = new Api(this.rest, this.objectMapper, "preparer");
		// The reference is a native program; the application first relays
		// a small delivery so that the measured one runs compiled code,
		// as a server that has been up a while does.
		// The warm-up signs, so that the signing code runs compiled too.
		if (WARM_UP) {
			SwitchableSigning.sign(true);
			deliver(preparer, WARM_UP_RECIPIENTS, "warm-up", null);
		}
		double sourceBefore = smtpSource();
		HeapWatch heap = HeapWatch.start(this.jdbc);
		SwitchableSigning.sign(false);
		Timings t = deliver(preparer, RECIPIENTS, "measured", null);
		String id = t.deliveryId();

		long start = System.nanoTime();
		assertThat(this.kpis.computeStats(id).sent()).isEqualTo(RECIPIENTS);
		double statsSeconds = seconds(start);

		start = System.nanoTime();
		reportDelivered(preparer.as("mta"), id);
		double feedbackSeconds = seconds(start);
		assertThat(this.kpis.computeStats(id).delivered()).isEqualTo(RECIPIENTS);
		progress("feedback", feedbackSeconds);
		double importSeconds = t.importSeconds();
		double prepareSeconds = t.prepareSeconds();
		// Each kind of delivery is relayed twice, taking turns, and the faster of its two
		// relays counts, so that neither a busy moment of the machine nor the order of
		// the three decides what signing costs.
		double sendSeconds = t.sendSeconds();
		double templateSeconds = Double.MAX_VALUE;
		double signedSeconds = Double.MAX_VALUE;
		double unguardedSeconds = Double.MAX_VALUE;
		for (int round = 1; round <= 2; round++) {
			if (round > 1) {
				sendSeconds = Math.min(sendSeconds, deliver(preparer, RECIPIENTS, "derived2", null).sendSeconds());
			}
			templateSeconds = Math.min(templateSeconds,
					deliver(preparer, RECIPIENTS, "template" + round, TEXT).sendSeconds());
			SwitchableSigning.sign(true);
			signedSeconds = Math.min(signedSeconds,
					deliver(preparer, RECIPIENTS, "signed" + round, null).sendSeconds());
			SwitchableSigning.sign(false);
			SwitchableGuard.judge(false);
			unguardedSeconds = Math.min(unguardedSeconds,
					deliver(preparer, RECIPIENTS, "unguarded" + round, null).sendSeconds());
			SwitchableGuard.judge(true);
		}
		heap.stop();

		// The reference runs before and after the relay; the faster run counts, so that a
		// busy moment of the machine does not flatter the product.
		double sourceSeconds = Math.min(sourceBefore, smtpSource());

		String report = String.join("\n", String.format(Locale.ROOT,
				"send benchmark, %,d recipients (%s), %,d-byte HTML body, %d lanes, %s, heap limit %d MB", RECIPIENTS,
				WARM_UP ? String.format(Locale.ROOT, "after a warm-up delivery of %,d", WARM_UP_RECIPIENTS)
						: "cold: the first delivery after start",
				HTML.length(), LANES, BenchDatabase.NAME, Runtime.getRuntime().maxMemory() / 1024 / 1024),
				String.format(Locale.ROOT,
						"  relay (confirmation to SENT), text part read from the HTML %,8.0f messages/s  (%.1f s)",
						RECIPIENTS / sendSeconds, sendSeconds),
				String.format(Locale.ROOT,
						"  relay, text part from its own template                     %,8.0f messages/s  (%.1f s)",
						RECIPIENTS / templateSeconds, templateSeconds),
				String.format(Locale.ROOT,
						"  relay, text part read from the HTML, DKIM-signed           %,8.0f messages/s  (%.1f s)",
						RECIPIENTS / signedSeconds, signedSeconds),
				String.format(Locale.ROOT, "  DKIM signing costs %.0f %% of the relay rate (rsa-sha256, %d-bit key)",
						100 * (1 - sendSeconds / signedSeconds), DKIM_KEY_BITS),
				String.format(Locale.ROOT,
						"  relay, text part read from the HTML, reputation guard off  %,8.0f messages/s  (%.1f s)",
						RECIPIENTS / unguardedSeconds, unguardedSeconds),
				String.format(Locale.ROOT,
						"  the reputation guard costs %.1f %% of the relay rate (its look before each batch)",
						100 * (1 - unguardedSeconds / sendSeconds)),
				String.format(Locale.ROOT,
						"  reference: smtp-source, %d sessions %,8.0f messages/s  (%.1f s, faster of a run before and after), same smtp-sink",
						LANES, RECIPIENTS / sourceSeconds, sourceSeconds),
				String.format(Locale.ROOT, "  relay rate = %.0f %% of smtp-source's",
						100 * sourceSeconds / sendSeconds),
				String.format(Locale.ROOT, "  CSV import %.1f s, preparation %.1f s, Compute stats %.0f ms",
						importSeconds, prepareSeconds, statsSeconds * 1000),
				String.format(Locale.ROOT,
						"  feedback: a DELIVERED event per message, POST /api/mta/events in batches of %,d: %,.0f events/s (%.1f s)",
						EVENT_BATCH, RECIPIENTS / feedbackSeconds, feedbackSeconds),
				String.format(Locale.ROOT, "  heap peak %d MB, engine jobs at most %d at once", heap.peakMegabytes(),
						heap.peakJobs()),
				"");
		System.out.println(report);
		Files.createDirectories(Path.of("target", "bench"));
		Files.writeString(Path.of("target", "bench",
				"send-" + RECIPIENTS + "-" + BenchDatabase.KEY + (WARM_UP ? "" : "-cold") + ".txt"), report);
	}

	/**
	 * Imports an audience of this many recipients as CSV, prepares a delivery to it,
	 * confirms it and waits until it is relayed.
	 */
	private Timings deliver(Api preparer, int recipients, String name, String text) throws IOException {
		Path csv = Files.createTempFile("audience", ".csv");
		try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
			out.println("email,firstName,lastName,city");
			for (int i = 0; i < recipients; i++) {
				out.println(name + i + "@example.com,First" + i + ",Last" + i + ",City" + (i % 100));
			}
		}
		long start = System.nanoTime();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		headers.setBasicAuth("preparer", "preparer");
		JsonNode imported = this.objectMapper.readTree(
				this.rest
					.exchange("/api/audiences?name=" + name, HttpMethod.POST,
							new HttpEntity<>(new FileSystemResource(csv), headers), String.class)
					.getBody());
		double importSeconds = seconds(start);
		progress(name + " imported", importSeconds);
		Files.delete(csv);
		assertThat(imported.get("imported").asInt()).isEqualTo(recipients);

		start = System.nanoTime();
		String id = preparer
			.post("/api/deliveries",
					DeliveryRequests.delivery()
						.without("recipients")
						.with("audienceId", imported.get("id").asText())
						.with("approvalMode", "AUTOMATIC")
						.with("html", HTML)
						.with("text", text)
						.body())
			.json()
			.get("id")
			.asText();
		await().atMost(Duration.ofHours(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> status(preparer, id).equals("AWAITING_CONFIRMATION"));
		double prepareSeconds = seconds(start);
		progress(name + " prepared", prepareSeconds);

		start = System.nanoTime();
		preparer.as("starter").post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		await().atMost(Duration.ofHours(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> status(preparer, id).equals("SENT"));
		double sendSeconds = seconds(start);
		progress(name + " relayed", sendSeconds);
		return new Timings(id, importSeconds, prepareSeconds, sendSeconds);
	}

	private record Timings(String deliveryId, double importSeconds, double prepareSeconds, double sendSeconds) {
	}

	/**
	 * The MTA reports every message of the delivery delivered, a batch of the relayed
	 * ones at a time, read slot by slot in the order of the state index like the lanes
	 * read theirs. A delivered log stays in its place in that index (it is settled, not
	 * moved), so each slot is read once, onwards from the last log reported.
	 */
	private void reportDelivered(Api mta, String deliveryId) {
		// Every log has the same status once relayed: SENT, or PENDING with the Email
		// Feedback Service.
		String status = this.jdbc.sql("select status from sending_log where delivery_id = :id fetch first 1 row only")
			.param("id", deliveryId)
			.query(String.class)
			.single();
		for (int slot = 0; slot < Slots.COUNT; slot++) {
			long last = -1;
			while (true) {
				List<Long> ids = new ArrayList<>();
				List<Map<String, Object>> events = new ArrayList<>();
				this.jdbc.sql("""
						select id, message_id from sending_log
						where delivery_id = :id and status = :status and relay_state = 'RELAYED' and slot = :slot
						  and id > :last
						order by delivery_id, status, relay_state, slot, id fetch first :size rows only
						""")
					.param("id", deliveryId)
					.param("status", status)
					.param("slot", slot)
					.param("last", last)
					.param("size", EVENT_BATCH)
					.query(rs -> {
						ids.add(rs.getLong(1));
						// a Message-ID made of the log is not stored
						String messageId = (rs.getString(2) != null) ? rs.getString(2)
								: MessageIds.of(rs.getLong(1), deliveryId, "news@shop.example.com");
						events.add(Map.of("messageId", messageId, "type", "DELIVERED", "smtpStatus", "250 2.0.0"));
					});
				if (events.isEmpty()) {
					break;
				}
				last = ids.get(ids.size() - 1);
				Api.Response response = mta.post("/api/mta/events", events);
				assertThat(response.code()).as(response.text()).isEqualTo(202);
				assertThat(response.json().get("accepted").asInt()).isEqualTo(events.size());
			}
		}
	}

	private static void progress(String phase, double seconds) {
		System.out.printf(Locale.ROOT, "send benchmark: %s in %.1f s%n", phase, seconds);
	}

	/**
	 * Postfix's smtp-source sends as many messages over as many sessions as there are
	 * lanes.
	 */
	private static double smtpSource() throws IOException, InterruptedException {
		long start = System.nanoTime();
		Process source = new ProcessBuilder("/usr/sbin/smtp-source", "-s", String.valueOf(LANES), "-m",
				String.valueOf(RECIPIENTS), "-l", "2000", "-f", "news@example.com", "-t", "r@example.com",
				"127.0.0.1:" + sinkPort)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(source.waitFor(2, TimeUnit.HOURS)).isTrue();
		assertThat(source.exitValue()).isZero();
		return seconds(start);
	}

	private static String status(Api api, String id) {
		return api.get("/api/deliveries/" + id).json().get("status").asText();
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	/** Samples the used heap and the engine's job count while the benchmark runs. */
	private static final class HeapWatch {

		private final AtomicLong peakBytes = new AtomicLong();

		private final AtomicInteger peakJobs = new AtomicInteger();

		private volatile boolean running = true;

		private Thread thread;

		static HeapWatch start(JdbcClient jdbc) {
			HeapWatch watch = new HeapWatch();
			watch.thread = new Thread(() -> {
				while (watch.running) {
					long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
					watch.peakBytes.accumulateAndGet(used, Math::max);
					int jobs = jdbc.sql("select count(*) from act_ru_job").query(Integer.class).single();
					watch.peakJobs.accumulateAndGet(jobs, Math::max);
					try {
						Thread.sleep(100);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "heap-watch");
			watch.thread.setDaemon(true);
			watch.thread.start();
			return watch;
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join();
		}

		long peakMegabytes() {
			return this.peakBytes.get() / 1024 / 1024;
		}

		int peakJobs() {
			return this.peakJobs.get();
		}

	}

}
