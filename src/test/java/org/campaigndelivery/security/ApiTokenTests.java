package org.campaigndelivery.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A machine client authenticates with an API token that wrong passwords cannot silence: a
 * stranger who sends wrong passwords for the feed's user delays that user's password
 * logins, never its token.
 */
@ApplicationTest
class ApiTokenTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	IdentityService identityService;

	@Test
	void wrongPasswordsForTheFeedsUserNeverSilenceItsToken() throws Exception {
		String feed = feedUser();
		Api admin = new Api(this.rest, this.objectMapper, "demo");
		Api.Response created = admin.post("/api/tokens", Map.of("user", feed, "name", "Postfix bounce feed"));
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String token = created.json().get("token").asText();
		assertThat(token).startsWith("cdt_").hasSizeGreaterThan(40);

		// a stranger tries passwords for the feed's user
		for (int i = 0; i < 5; i++) {
			assertThat(basic(feed, "guess-" + i).getStatusCode().value()).isEqualTo(401);
		}
		assertThat(basic(feed, feed).getStatusCode().value()).as("the engine delays the user's password logins")
			.isEqualTo(401);

		ResponseEntity<String> posted = bearer(token, "/api/mta/events", HttpMethod.POST,
				"[{\"messageId\": \"<unknown-" + UUID.randomUUID() + "@example.com>\", \"type\": \"DELIVERED\"}]");
		assertThat(posted.getStatusCode().value()).as(posted.getBody()).isEqualTo(202);

		JsonNode listed = admin.get("/api/tokens").json();
		JsonNode mine = null;
		for (JsonNode entry : listed) {
			if (entry.get("id").asText().equals(created.json().get("id").asText())) {
				mine = entry;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("user").asText()).isEqualTo(feed);
		assertThat(mine.has("token")).as("the token is shown once").isFalse();
		assertThat(listed.toString()).doesNotContain(token);

		assertThat(admin.delete("/api/tokens/" + mine.get("id").asText()).code()).isEqualTo(204);
		assertThat(bearer(token, "/api/mta/events", HttpMethod.POST, "[]").getStatusCode().value()).isEqualTo(401);
		assertThat(admin.delete("/api/tokens/" + mine.get("id").asText()).code()).isEqualTo(404);
	}

	@Test
	void onlyAdminsMakeTokensAndOnlyForExistingUsers() {
		Api admin = new Api(this.rest, this.objectMapper, "demo");
		assertThat(admin.as("starter").post("/api/tokens", Map.of("user", "mta")).code()).isEqualTo(403);
		assertThat(admin.as("mta").get("/api/tokens").code()).isEqualTo(403);
		Api.Response unknown = admin.post("/api/tokens", Map.of("user", "nobody-" + UUID.randomUUID()));
		assertThat(unknown.code()).isEqualTo(400);
		assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("user");
		Api.Response misspelt = admin.post("/api/tokens", Map.of("user", "mta", "nmae", "x"));
		assertThat(misspelt.code()).isEqualTo(400);
		assertThat(misspelt.json().at("/errors/0/field").asText()).isEqualTo("nmae");
		for (String forged : List.of("cdt_forged", "Basic", "", "cdt_" + "A".repeat(43))) {
			assertThat(bearer(forged, "/api/deliveries", HttpMethod.GET, null).getStatusCode().value())
				.as("token '" + forged + "'")
				.isEqualTo(401);
		}
	}

	private String feedUser() {
		String id = "feed" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		User user = this.identityService.newUser(id);
		user.setPassword(id);
		this.identityService.saveUser(user);
		this.identityService.createMembership(id, Roles.MTA);
		return id;
	}

	private ResponseEntity<String> basic(String user, String password) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		return this.rest.exchange("/api/mta/events?size=1", HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private ResponseEntity<String> bearer(String token, String path, HttpMethod method, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token);
		if (body != null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
		return this.rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

}
