package org.campaigndelivery.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Hostile and broken input at every door of /api that takes a body: malformed JSON, wrong
 * types, unknown fields, NUL characters, 10,000-character fields, a body over the limit,
 * another media type, a broken multipart body. Each is a 4xx problem detail naming what
 * is wrong, none is a 5xx, none creates or changes anything.
 */
@ApplicationTest
class InputCatalogueTests {

	private static final String LONG = "x".repeat(10_000);

	private static final MediaType MULTIPART = MediaType.parseMediaType("multipart/form-data; boundary=b");

	private static final String BROKEN_MULTIPART = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	JdbcClient jdbc;

	/**
	 * One test per door and attack, named after both; each checks that its attack keeps
	 * nothing.
	 */
	@TestFactory
	Stream<DynamicTest> everyDoorRefusesHostileBodiesWithAProblemAndKeepsNothing() throws Exception {
		String deliveryId = this.objectMapper
			.readTree(send("POST", "/api/deliveries", "preparer", json(delivery().body()), MediaType.APPLICATION_JSON)
				.getBody())
			.get("id")
			.asText();
		Map<String, Object> recurring = new LinkedHashMap<>(delivery().body());
		recurring.put("schedule", "0 0 9 * * MON");

		List<Door> doors = List.of(new Door("POST", "/api/deliveries", "preparer", delivery().body(), "label"),
				new Door("POST", "/api/recurring-deliveries", "starter", recurring, "label"),
				new Door("POST", "/api/deliveries/" + deliveryId + "/approval", "approver",
						Map.of("approved", false, "comment", "no"), "comment"),
				new Door("POST", "/api/deliveries/" + deliveryId + "/confirmation", "starter",
						Map.of("confirmed", true), null),
				new Door("POST", "/api/mta/events", "mta",
						List.of(Map.of("messageId", "<a@example.com>", "type", "DELIVERED")), "[0].messageId"),
				new Door("PUT", "/api/quarantine/someone@example.com", "demo", Map.of("status", "VALID"), "status"),
				new Door("POST", "/api/tokens", "demo", Map.of("user", "mta"), "name"));

		Stream<DynamicTest> attacks = doors.stream()
			.flatMap((door) -> attacks(door).map((attack) -> refused(door + " " + attack.name,
					() -> send(door.method, door.path, door.user, attack.body.call(), attack.type), attack.status)));
		return Stream.concat(attacks, Stream.of(refused("POST /api/mta/dsn broken multipart body",
				() -> send("POST", "/api/mta/dsn", "mta", BROKEN_MULTIPART, MULTIPART), 415)));
	}

	/**
	 * The bodies a door is attacked with; each is built when its test runs (the one over
	 * the limit holds 33 MB).
	 */
	private Stream<Attack> attacks(Door door) {
		String textField = (door.textField == null) ? "colour" : door.textField;
		List<Attack> attacks = new ArrayList<>(
				List.of(attack("malformed JSON", () -> "{\"label\": ", 400), attack("a number", () -> "42", 400),
						attack("a string", () -> "\"text\"", 400), attack("null", () -> "null", 400),
						attack("unknown field", () -> json(with(door.valid, "colour", "blue")), 400),
						attack("NUL character", () -> json(with(door.valid, textField, "a\u0000b")), 400),
						attack("body over the limit", () -> "[\"" + "y".repeat(33 * 1024 * 1024) + "\"]", 413),
						attack("wrong shape", () -> (door.valid instanceof List) ? "{}" : "[]", 400)));
		if (door.textField != null) {
			attacks.add(attack("10,000-character field", () -> json(with(door.valid, door.textField, LONG)), 400));
		}
		attacks.add(new Attack("text/plain", () -> json(door.valid), MediaType.TEXT_PLAIN, 415));
		attacks.add(new Attack("broken multipart body", () -> BROKEN_MULTIPART, MULTIPART, 415));
		return attacks.stream();
	}

	private DynamicTest refused(String name, Callable<ResponseEntity<String>> attack, int status) {
		return DynamicTest.dynamicTest(name, () -> {
			Map<String, Long> before = counts();
			ResponseEntity<String> response = attack.call();
			String body = (response.getBody() == null) ? "" : response.getBody();
			// the name in each message too: Surefire's report numbers dynamic tests
			String what = name + ": " + body.substring(0, Math.min(200, body.length()));
			assertThat(response.getStatusCode().value()).as(what).isEqualTo(status);
			assertThat(String.valueOf(response.getHeaders().getContentType())).as(what)
				.startsWith("application/problem+json");
			assertThat(counts()).as(name + ": nothing created or changed").isEqualTo(before);
		});
	}

	private static Attack attack(String name, Callable<String> body, int status) {
		return new Attack(name, body, MediaType.APPLICATION_JSON, status);
	}

	@Test
	void aHoleInAListIsRefusedNamingTheElement() throws Exception {
		Map<String, Long> before = counts();
		Map<String, Object> body = new LinkedHashMap<>(delivery().body());
		body.put("recipients", Arrays.asList(Map.of("email", "ann@example.com"), null));

		ResponseEntity<String> response = send("POST", "/api/deliveries", "preparer", json(body),
				MediaType.APPLICATION_JSON);

		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(response.getBody()).contains("recipients[1]").contains("must be an object");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void csvGarbageIsRefusedOrRejectedLineByLineNeverAFailure() throws Exception {
		Map<String, Long> before = counts();
		byte[] garbage = new byte[4096];
		new Random(7).nextBytes(garbage);
		ResponseEntity<String> binary = sendCsv("/api/audiences?name=garbage", garbage);
		assertThat(binary.getStatusCode().value()).as(binary.getBody()).isEqualTo(400);
		assertThat(binary.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(counts()).isEqualTo(before);

		ResponseEntity<String> endlessHeader = sendCsv("/api/audiences?name=endless",
				("email," + "x".repeat(100_000) + "\nann@example.com,Ann\n").getBytes(StandardCharsets.UTF_8));
		assertThat(endlessHeader.getStatusCode().value()).as(endlessHeader.getBody()).isEqualTo(400);
		assertThat(endlessHeader.getBody()).contains("header row of at most 65536 characters");
		assertThat(counts()).isEqualTo(before);

		String csv = "email,firstName,city\n" + "ann@example.com,Ann,Lyon\n" + "nul@example.com,N\u0000L,Paris\n"
				+ "long@example.com," + LONG + ",Nice\n" + "\"unclosed@example.com,Un,Brest\n";
		ResponseEntity<String> mixed = sendCsv("/api/audiences?name=mixed", csv.getBytes(StandardCharsets.UTF_8));
		assertThat(mixed.getStatusCode().value()).as(mixed.getBody()).isEqualTo(201);
		JsonNode result = this.objectMapper.readTree(mixed.getBody());
		assertThat(result.get("imported").asInt()).isEqualTo(1);
		assertThat(result.get("rejected").asInt()).isEqualTo(3);
		JsonNode rejections = this.objectMapper
			.readTree(send("GET", "/api/audiences/" + result.get("id").asText() + "/rejections", "preparer", null, null)
				.getBody());
		assertThat(rejections.toString()).contains("NUL").contains("longer than 255").contains("not closed");
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : List.of("delivery", "audience", "recurring_delivery", "api_token", "mta_event",
				"quarantine")) {
			counts.put(table, this.jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		counts.put("decisions",
				this.jdbc.sql("select count(*) from delivery where decided_by is not null or confirmed_by is not null")
					.query(Long.class)
					.single());
		return counts;
	}

	@SuppressWarnings("unchecked")
	private static Object with(Object valid, String field, Object value) {
		if (valid instanceof List<?> list) {
			Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) list.get(0));
			first.put(field.replace("[0].", ""), value);
			return List.of(first);
		}
		Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) valid);
		body.put(field, value);
		return body;
	}

	private String json(Object body) throws Exception {
		return this.objectMapper.writeValueAsString(body);
	}

	private ResponseEntity<String> send(String method, String path, String user, String body, MediaType type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, user);
		if (type != null) {
			headers.setContentType(type);
		}
		return this.rest.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(body, headers), String.class);
	}

	private ResponseEntity<String> sendCsv(String path, byte[] body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("preparer", "preparer");
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		return this.rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
	}

	private record Door(String method, String path, String user, Object valid, String textField) {

		@Override
		public String toString() {
			return this.method + " " + this.path.replaceAll("/[0-9a-f-]{36}", "/{id}");
		}

	}

	private record Attack(String name, Callable<String> body, MediaType type, int status) {
	}

}
