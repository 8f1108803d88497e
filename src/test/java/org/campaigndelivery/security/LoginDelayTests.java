package org.campaigndelivery.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a wrong password the engine refuses the user's right password too for a few
 * seconds: the API and the login page say so, and for how long, instead of "wrong".
 */
@ApplicationTest
class LoginDelayTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	IdentityService identityService;

	@LocalServerPort
	int port;

	@Test
	void shouldSayToWaitAndForHowLongWhenTheRightPasswordComesWithinTheDelay() throws Exception {
		String user = user();
		assertThat(basic(user, "wrong").getStatusCode().value()).isEqualTo(401);

		ResponseEntity<String> refused = basic(user, user);

		assertThat(refused.getStatusCode().value()).isEqualTo(401);
		long retryAfter = Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		assertThat(retryAfter).isBetween(1L, 3L);
		assertThat(this.objectMapper.readTree(refused.getBody()).get("detail").asText())
			.contains("refused, whatever the password, for " + retryAfter + " s more; try again then");
		await("the delay to end").atMost(Duration.ofSeconds(retryAfter + 5))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> basic(user, user).getStatusCode().value() == 200);
	}

	@Test
	void shouldTellOnTheLoginPageHowLongTheUserWaits() throws Exception {
		String user = user();

		HttpResponse<String> failed = login(user, "wrong");

		assertThat(failed.statusCode()).isEqualTo(302);
		assertThat(failed.headers().firstValue("Location").orElseThrow()).contains("/login?failed&wait=");
		assertThat(login("nobody-" + UUID.randomUUID(), "x").headers().firstValue("Location").orElseThrow())
			.as("an unknown user has no delay to tell")
			.contains("/login?failed&next=");
	}

	private String user() {
		String id = "delayed" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		User user = this.identityService.newUser(id);
		user.setPassword(id);
		this.identityService.saveUser(user);
		this.identityService.createMembership(id, Roles.PREPARERS);
		return id;
	}

	private ResponseEntity<String> basic(String user, String password) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		return this.rest.exchange("/api/deliveries?size=1", HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	/** As the browser posts the login form, without following the answer's redirect. */
	private HttpResponse<String> login(String user, String password) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("username=" + user + "&password=" + password + "&next=/deliveries"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
