package org.campaigndelivery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.delivery.SwitchableGuard;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.sending.DkimKeys;
import org.campaigndelivery.sending.SwitchableSigning;
import org.campaigndelivery.support.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

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
	static final String HTML = """
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

	private BenchDeliveries deliveries;

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
		this.deliveries = new BenchDeliveries(this.rest, this.objectMapper, this.jdbc, "send benchmark");
		Api preparer = this.deliveries.preparer();
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
		this.deliveries.reportDelivered(preparer.as("mta"), id, EVENT_BATCH);
		double feedbackSeconds = seconds(start);
		assertThat(this.kpis.computeStats(id).delivered()).isEqualTo(RECIPIENTS);
		this.deliveries.progress("feedback", feedbackSeconds);
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

	/** Prepares a delivery of this many recipients, confirms it and waits until SENT. */
	private Timings deliver(Api preparer, int recipients, String name, String text) throws IOException {
		BenchDeliveries.Prepared prepared = this.deliveries.prepare(recipients, name, HTML, text);
		return new Timings(prepared.id(), prepared.importSeconds(), prepared.prepareSeconds(),
				this.deliveries.relay(prepared.id()));
	}

	private record Timings(String deliveryId, double importSeconds, double prepareSeconds, double sendSeconds) {
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

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
