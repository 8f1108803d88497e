package org.campaigndelivery.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Every role against every door that matters, /api and /engine-rest alike: the
 * unauthenticated get 401, the unentitled 403 (or the engine's refusal), the entitled get
 * through. Each row tries the refused users first and the entitled one last, on a
 * delivery of its own, so that a refusal that let something through shows in the entitled
 * call.
 */
@ApplicationTest
class DoorMatrixTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final String ANONYMOUS = "(anonymous)";

	@Autowired
	TestRestTemplate rest;

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	DeliveryFlow flow;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	private final List<String> failures = new ArrayList<>();

	@Test
	void eachRoleGetsThroughItsOwnDoorsOnly() throws Exception {
		Map<String, Object> valid = delivery().body();
		expect("GET", "/api/deliveries", null,
				codes(401, "mta", 403, "preparer", 200, "approver", 200, "starter", 200, "demo", 200));
		expect("POST", "/api/deliveries", valid,
				codes(401, "approver", 403, "mta", 403, "preparer", 201, "starter", 201, "demo", 201));

		String awaitingApproval = prepared("MANUAL");
		expect("POST", "/api/deliveries/" + awaitingApproval + "/approval", Map.of("approved", true),
				codes(401, "preparer", 403, "starter", 403, "mta", 403, "approver", 204));

		String awaitingConfirmation = prepared("AUTOMATIC");
		expect("POST", "/api/deliveries/" + awaitingConfirmation + "/confirmation", Map.of("confirmed", true),
				codes(401, "preparer", 403, "approver", 403, "mta", 403, "starter", 204));

		String toCancel = prepared("AUTOMATIC");
		expect("POST", "/api/deliveries/" + toCancel + "/cancel", null,
				codes(401, "preparer", 403, "approver", 403, "mta", 403, "starter", 204));

		expect("POST", "/api/mta/events",
				List.of(Map.of("messageId", "<matrix-" + UUID.randomUUID() + "@example.com>", "type", "DELIVERED")),
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 202));
		expect("PUT", "/api/quarantine/matrix-" + UUID.randomUUID() + "@example.com", Map.of("status", "ALLOWLIST"),
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 403, "demo", 200));
		expect("POST", "/api/tokens", Map.of("user", "mta"),
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 403, "demo", 201));
		expect("GET", "/actuator/prometheus", null,
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 403, "demo", 200));

		// /engine-rest: the engine's own authorizations (a definition the caller may not
		// read is not found), and the product's start check
		expect("POST", "/engine-rest/process-definition/key/delivery/start", Map.of(),
				codes(401, "approver", 403, "mta", 404, "preparer", 400, "starter", 400));
		String confirmTask = this.flow.taskId(prepared("AUTOMATIC"), "Task_ConfirmSend");
		expect("POST", "/engine-rest/task/" + confirmTask + "/complete",
				Map.of("variables", Map.of("confirmed", Map.of("value", true, "type", "Boolean"))),
				codes(401, "preparer", 403, "approver", 403, "mta", 403, "starter", 204));
		String approvalTask = this.flow.taskId(prepared("MANUAL"), "Task_ApproveDelivery");
		expect("POST", "/engine-rest/task/" + approvalTask + "/complete",
				Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean"))),
				codes(401, "preparer", 403, "starter", 403, "mta", 403, "approver", 204));
		String instance = instance(prepared("AUTOMATIC"));
		expect("PUT", "/engine-rest/process-instance/" + instance + "/variables/confirmed",
				Map.of("value", true, "type", "Boolean"),
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 403, "demo", 204));
		expect("POST", "/engine-rest/process-instance/" + instance + "/modification",
				Map.of("instructions",
						List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_StartSending"))),
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 403));
		expect("DELETE", "/engine-rest/process-instance/" + instance, null,
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 403, "demo", 204));
		String created = this.flow.as("preparer").post("/api/deliveries", valid).json().get("id").asText();
		String prepareJob = this.managementService.createJobQuery()
			.processInstanceId(instance(created))
			.singleResult()
			.getId();
		expect("PUT", "/engine-rest/job/" + prepareJob + "/retries", Map.of("retries", 2),
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 403, "demo", 204));

		assertThat(this.failures).isEmpty();
	}

	@Test
	void expressionsInQueriesCsrfAndSessionCookiesStayClosed() throws Exception {
		// ad-hoc queries evaluate no expression; stored ones (filters) only admins make
		expect("POST", "/engine-rest/task", Map.of("assigneeExpression", "${currentUser()}"),
				codes(401, "preparer", 400, "starter", 400, "approver", 400));
		expect("POST", "/engine-rest/filter/create",
				Map.of("resourceType", "Task", "name", "mine", "query",
						Map.of("assigneeExpression", "${currentUser()}")),
				codes(401, "preparer", 403, "approver", 403, "starter", 403, "mta", 403));
		assertThat(this.failures).isEmpty();

		// the webapps keep their CSRF protection: a login without the token is refused
		assertThat(HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI
					.create("http://localhost:" + this.port + "/camunda/api/admin/auth/user/default/login/tasklist"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=starter&password=starter"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(403);

		// the product's login: a new session whose cookie scripts cannot read and other
		// sites cannot send along
		HttpResponse<String> login = login("username=starter&password=starter&next=/deliveries");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(URI.create(login.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/deliveries");
		String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax");

		// a session's state-changing call needs the pages' header, and never comes from
		// another origin
		HttpHeaders session = new HttpHeaders();
		session.add(HttpHeaders.COOKIE, cookie.substring(0, cookie.indexOf(';')));
		assertThat(this.rest.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(session), String.class)
			.getStatusCode()
			.value()).isEqualTo(200);
		String deliveryId = prepared("AUTOMATIC");
		assertThat(this.rest
			.exchange("/api/deliveries/" + deliveryId + "/cancel", HttpMethod.POST, new HttpEntity<>(session),
					String.class)
			.getStatusCode()
			.value()).as("without the pages' header").isEqualTo(403);
		HttpHeaders foreign = new HttpHeaders();
		foreign.addAll(session);
		foreign.add("X-Requested-With", "campaign-delivery");
		foreign.add(HttpHeaders.ORIGIN, "https://evil.example.com");
		assertThat(this.rest
			.exchange("/api/deliveries/" + deliveryId + "/cancel", HttpMethod.POST, new HttpEntity<>(foreign),
					String.class)
			.getStatusCode()
			.value()).as("from another origin").isEqualTo(403);
		assertThat(this.flow.status(deliveryId)).isEqualTo("AWAITING_CONFIRMATION");
		// a login never sends anyone elsewhere
		URI elsewhere = URI.create(login("username=starter&password=starter&next=//evil.example.com/").headers()
			.firstValue("Location")
			.orElseThrow());
		assertThat(elsewhere.getPath()).isEqualTo("/deliveries");
		assertThat(elsewhere.getHost()).isIn(null, "localhost");
	}

	/** The product's login as a browser posts it, without following its redirect. */
	private HttpResponse<String> login(String form) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The codes by user, in the order tried; the first, alone, is the anonymous caller's.
	 */
	private static Map<String, Integer> codes(int anonymous, Object... userAndCode) {
		Map<String, Integer> codes = new LinkedHashMap<>();
		codes.put(ANONYMOUS, anonymous);
		for (int i = 0; i < userAndCode.length; i += 2) {
			codes.put((String) userAndCode[i], (Integer) userAndCode[i + 1]);
		}
		return codes;
	}

	private void expect(String method, String path, Object body, Map<String, Integer> codes) throws Exception {
		for (Map.Entry<String, Integer> entry : codes.entrySet()) {
			HttpHeaders headers = new HttpHeaders();
			if (!entry.getKey().equals(ANONYMOUS)) {
				headers.setBasicAuth(entry.getKey(), entry.getKey());
			}
			String payload = null;
			if (body != null) {
				headers.setContentType(MediaType.APPLICATION_JSON);
				payload = this.objectMapper.writeValueAsString(body);
			}
			int code = this.rest
				.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(payload, headers), String.class)
				.getStatusCode()
				.value();
			if (code != entry.getValue()) {
				this.failures.add(
						method + " " + path + " as " + entry.getKey() + ": " + code + ", expected " + entry.getValue());
			}
		}
	}

	private String prepared(String approvalMode) {
		String id = this.flow.as("preparer")
			.post("/api/deliveries", delivery().with("approvalMode", approvalMode).body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);
		return id;
	}

	private String instance(String deliveryId) {
		return this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(deliveryId)
			.singleResult()
			.getId();
	}

}
