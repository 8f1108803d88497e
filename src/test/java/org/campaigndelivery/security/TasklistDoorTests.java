package org.campaigndelivery.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.campaigndelivery.support.ApplicationProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tasklist's own task API, called as the browser calls it (a login session and the
 * webapps' CSRF token), on the application in a JVM of its own: only a starter completes
 * a send confirmation there.
 */
class TasklistDoorTests {

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	private int port;

	@Test
	void onlyStartersConfirmThroughTasklistsTaskApi(@TempDir Path directory) throws Exception {
		Path log = Files.createDirectories(Path.of("target", "application-process")).resolve("tasklist-door.log");
		Files.deleteIfExists(log);
		try (ApplicationProcess application = ApplicationProcess.start(log, directory.toFile(),
				ApplicationProcess.freePort())) {
			application.awaitPortOpen(Duration.ofMinutes(2));
			this.port = application.port();
			String body = "{\"label\":\"Door\",\"from\":\"news@example.com\",\"subject\":\"Hi\","
					+ "\"html\":\"<p>Hi</p><a href=\\\"https://example.com/u\\\">Unsubscribe</a>\","
					+ "\"recipients\":[{\"email\":\"door@example.com\"}],\"approvalMode\":\"AUTOMATIC\"}";
			String id = this.json.readTree(send("POST", "/api/deliveries", "preparer", body).body()).get("id").asText();
			String task = confirmationTask(id);
			String complete = "/camunda/api/engine/engine/default/task/" + task + "/submit-form";
			String confirmed = "{\"variables\":{\"confirmed\":{\"value\":true,\"type\":\"Boolean\"}}}";

			for (String user : List.of("preparer", "approver", "mta")) {
				assertThat(tasklist(user, complete, confirmed)).as(user + " completing the confirmation in Tasklist")
					.isEqualTo(403);
			}
			assertThat(status(id)).isEqualTo("AWAITING_CONFIRMATION");
			assertThat(tasklist("starter", complete, confirmed)).isEqualTo(204);
		}
	}

	private String confirmationTask(String deliveryId) {
		return await("the confirmation task of delivery " + deliveryId).atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> confirmationTasks(deliveryId), (tasks) -> tasks.size() == 1)
			.get(0)
			.get("id")
			.asText();
	}

	private JsonNode confirmationTasks(String deliveryId) throws Exception {
		return this.json.readTree(send("GET",
				"/engine-rest/task?processInstanceBusinessKey=" + deliveryId + "&taskDefinitionKey=Task_ConfirmSend",
				"demo", null)
			.body());
	}

	private String status(String deliveryId) throws Exception {
		return this.json.readTree(send("GET", "/api/deliveries/" + deliveryId, "preparer", null).body())
			.get("status")
			.asText();
	}

	/**
	 * Logs in on the product's login page, fetches the CSRF token, then calls Tasklist's
	 * API.
	 */
	private int tasklist(String user, String path, String body) throws Exception {
		HttpResponse<String> login = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user))
				.build(), HttpResponse.BodyHandlers.ofString());
		String session = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("JSESSIONID="))
			.map((c) -> c.substring(0, c.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError(user + " could not log in: " + login.statusCode()));
		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(uri("/camunda/app/welcome/default/")).header("Cookie", session).build(),
				HttpResponse.BodyHandlers.ofString());
		String csrf = page.headers()
			.firstValue("X-XSRF-TOKEN")
			.orElseThrow(() -> new AssertionError(user + ": no CSRF token in " + page.statusCode()));
		return this.http
			.send(HttpRequest.newBuilder(uri(path))
				.header("Cookie", session + "; XSRF-TOKEN=" + csrf)
				.header("X-XSRF-TOKEN", csrf)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	private HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http
			.send(request
				.method(method,
						(body == null) ? HttpRequest.BodyPublishers.noBody()
								: HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
