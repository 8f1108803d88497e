package org.campaigndelivery.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.sendinglog.Slots;
import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries as the relay benchmarks make them, over HTTP as a user does: a CSV audience
 * imported, a delivery prepared to it, confirmed by a starter and awaited until SENT;
 * then every message reported delivered as an MTA does.
 */
final class BenchDeliveries {

	private final TestRestTemplate rest;

	private final ObjectMapper objectMapper;

	private final JdbcClient jdbc;

	private final Api preparer;

	private final String benchmark;

	BenchDeliveries(TestRestTemplate rest, ObjectMapper objectMapper, JdbcClient jdbc, String benchmark) {
		this.rest = rest;
		this.objectMapper = objectMapper;
		this.jdbc = jdbc;
		this.preparer = new Api(rest, objectMapper, "preparer");
		this.benchmark = benchmark;
	}

	Api preparer() {
		return this.preparer;
	}

	/** A delivery prepared and awaiting its confirmation. */
	record Prepared(String id, double importSeconds, double prepareSeconds) {
	}

	/**
	 * Imports an audience of this many recipients as CSV and prepares a delivery of the
	 * HTML (and text, when not null) to it.
	 */
	Prepared prepare(int recipients, String name, String html, String text) throws IOException {
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
		String id = this.preparer
			.post("/api/deliveries",
					DeliveryRequests.delivery()
						.without("recipients")
						.with("audienceId", imported.get("id").asText())
						.with("approvalMode", "AUTOMATIC")
						.with("html", html)
						.with("text", text)
						.body())
			.json()
			.get("id")
			.asText();
		await().atMost(Duration.ofHours(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> status(id).equals("AWAITING_CONFIRMATION"));
		double prepareSeconds = seconds(start);
		progress(name + " prepared", prepareSeconds);
		return new Prepared(id, importSeconds, prepareSeconds);
	}

	/** Confirms the prepared delivery and waits until it is relayed: how long it took. */
	double relay(String id) {
		long start = System.nanoTime();
		Api.Response confirmed = this.preparer.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		assertThat(confirmed.code()).as(confirmed.text()).isEqualTo(204);
		await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(200)).until(() -> status(id).equals("SENT"));
		double seconds = seconds(start);
		progress(id + " relayed", seconds);
		return seconds;
	}

	/**
	 * The MTA reports every message of the delivery delivered, a batch of the relayed
	 * ones at a time, read slot by slot in the order of the state index like the lanes
	 * read theirs. A delivered log stays in its place in that index (it is settled, not
	 * moved), so each slot is read once, onwards from the last log reported.
	 */
	void reportDelivered(Api mta, String deliveryId, int batch) {
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
					.param("size", batch)
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

	String status(String id) {
		return this.preparer.get("/api/deliveries/" + id).json().get("status").asText();
	}

	void progress(String phase, double seconds) {
		System.out.printf(Locale.ROOT, "%s: %s in %.1f s%n", this.benchmark, phase, seconds);
	}

	static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
