package org.campaigndelivery.delivery;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/** Bad requests get a 4xx problem detail naming what is wrong, and create nothing. */
@ApplicationTest
class DeliveryValidationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	JdbcClient jdbc;

	Api api;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.rest, this.objectMapper, "preparer");
	}

	static List<Arguments> invalidBodies() {
		return List
			.of(Arguments.of(Map.of(), List.of("label", "from", "subject", "html", "recipients")),
					Arguments.of(delivery().with("label", 5)
						.with("from", "nobody")
						.with("approvalMode", "SOMETIMES")
						.with("contactDate", "tomorrow")
						.with("validityPeriod", "3 days")
						.with("retryPeriod", "PT0S")
						.with("emailFeedbackService", "yes")
						.body(),
							List.of("label", "from", "approvalMode", "contactDate", "validityPeriod", "retryPeriod",
									"emailFeedbackService")),
					Arguments.of(delivery().with("colour", "blue").body(), List.of("colour")),
					Arguments.of(delivery().with("subject", " ").with("html", "").body(), List.of("subject", "html")),
					Arguments.of(delivery().with("recipients",
							List.of())
						.body(), List.of("recipients")),
					Arguments.of(delivery().with("recipients", "alice@example.com").body(), List.of("recipients")),
					Arguments.of(
							delivery()
								.with("recipients",
										List.of(42, Map.of("email", 7),
												Map.of("email", "a@b.co", "tags", List.of("x"))))
								.body(),
							List.of("recipients[0]", "recipients[1].email", "recipients[2].tags")),
					Arguments.of(delivery().with("recipients", List.of(Map.of("mail", "a@b.co"), Map.of("email", "")))
						.body(), List.of("recipients[0].email")),
					Arguments.of(delivery().with("audienceId", "3f1c0d7e-0000-4000-8000-000000000000").body(),
							List.of("audienceId")),
					Arguments.of(delivery().without("recipients").with("audienceId", "no-such-audience").body(),
							List.of("audienceId")),
					Arguments.of(delivery().with("validityPeriod", "PT1H").with("retryPeriod", "PT2H").body(),
							List.of("retryPeriod")),
					Arguments.of(delivery().with("validityPeriod", "P60D").body(), List.of("validityPeriod")),
					Arguments.of(delivery().with("contactDate", "2030-01-31T09:00:00").body(), List.of("contactDate")),
					Arguments.of(delivery().with("text", "x".repeat(1_000_001)).body(), List.of("text")),
					Arguments.of(delivery().with("text", "Hello {{#vip}}dear").body(), List.of("text")),
					Arguments.of(delivery().with("text", "Hello\u0000").body(), List.of("text")),
					Arguments.of(delivery().with("text", " ").body(), List.of("text")),
					Arguments.of(delivery().with("text", 7).body(), List.of("text")),
					Arguments.of(List.of(1, 2), List.of("(body)")));
	}

	@ParameterizedTest
	@MethodSource("invalidBodies")
	void shouldRejectAnInvalidDeliveryNamingEachBadFieldAndCreateNothing(Object body, List<String> badFields) {
		int before = deliveries();

		Api.Response response = this.api.post("/api/deliveries", body);

		assertThat(response.code()).isEqualTo(400);
		assertThat(response.headers().getContentType()).hasToString("application/problem+json");
		assertThat(response.json().get("title").asText()).isEqualTo("Invalid request");
		assertThat(response.json().get("errors").findValuesAsText("field"))
			.containsExactlyInAnyOrderElementsOf(badFields);
		for (String field : badFields) {
			assertThat(response.json().get("detail").asText()).contains(field);
		}
		assertThat(deliveries()).isEqualTo(before);
	}

	@Test
	void shouldRejectABodyThatIsNotJson() {
		Api.Response response = this.api.postRaw("/api/deliveries", "{\"label\": ", MediaType.APPLICATION_JSON);

		assertThat(response.code()).isEqualTo(400);
		assertThat(response.json().get("detail").asText()).contains("not valid JSON");
	}

	@Test
	void shouldRejectABodyOfAnotherMediaType() {
		Api.Response response = this.api.postRaw("/api/deliveries", "label=x", MediaType.APPLICATION_FORM_URLENCODED);

		assertThat(response.code()).isEqualTo(415);
		assertThat(response.json().get("status").asInt()).isEqualTo(415);
	}

	@Autowired
	IdentityService identityService;

	@Test
	void shouldAskForCredentialsAndRefuseWrongOnes() {
		int before = deliveries();

		Api.Response anonymous = this.api.as(null).post("/api/deliveries", delivery().body());
		// A user of this test's own: a failed login delays that user's next logins (the
		// identity service's brute-force guard), and the other tests' users must not
		// wait.
		if (this.identityService.createUserQuery().userId("wrongpassword").count() == 0) {
			User user = this.identityService.newUser("wrongpassword");
			user.setPassword("right-password");
			this.identityService.saveUser(user);
		}
		Api.Response wrongPassword = new Api(this.rest.withBasicAuth("wrongpassword", "wrong"), this.objectMapper, null)
			.post("/api/deliveries", delivery().body());

		assertThat(anonymous.code()).isEqualTo(401);
		assertThat(anonymous.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
		assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);
		assertThat(wrongPassword.code()).isEqualTo(401);
		assertThat(deliveries()).isEqualTo(before);
	}

	@Test
	void shouldForbidCreationToUsersWhoMayNotPrepareDeliveries() {
		int before = deliveries();

		Api.Response response = this.api.as("approver").post("/api/deliveries", delivery().body());

		assertThat(response.code()).isEqualTo(403);
		assertThat(response.json().get("detail").asText()).contains("delivery-preparers");
		assertThat(deliveries()).isEqualTo(before);
	}

	@Test
	void shouldAnswerNotFoundForAnUnknownDelivery() {
		for (String path : List.of("/api/deliveries/nope", "/api/deliveries/nope/logs",
				"/api/deliveries/nope/exclusions")) {
			Api.Response response = this.api.get(path);
			assertThat(response.code()).as(path).isEqualTo(404);
			assertThat(response.json().get("detail").asText()).contains("nope");
		}
		assertThat(this.api.post("/api/deliveries/nope/approval", Map.of("approved", true)).code()).isEqualTo(403);
		assertThat(this.api.as("approver").post("/api/deliveries/nope/approval", Map.of("approved", true)).code())
			.isEqualTo(404);
	}

	@Test
	void shouldRejectBadQueryParameters() {
		JsonNode status = this.api.get("/api/deliveries?status=SOMEWHERE").json();
		JsonNode paging = this.api.get("/api/deliveries?page=-1&size=abc").json();

		assertThat(status.get("status").asInt()).isEqualTo(400);
		assertThat(status.get("errors").findValuesAsText("field")).containsExactly("status");
		assertThat(paging.get("errors").findValuesAsText("field")).containsExactly("page", "size");
	}

	@Test
	void shouldRejectDecisionsWithoutTheirAnswerAndConflictWhenNothingIsPending() {
		String id = this.api.post("/api/deliveries", delivery().body()).json().get("id").asText();
		Api approver = this.api.as("approver");

		Api.Response noAnswer = approver.post("/api/deliveries/" + id + "/approval", Map.of("comment", "ok"));
		Api.Response rejectedSilently = approver.post("/api/deliveries/" + id + "/approval", Map.of("approved", false));
		Api.Response notPending = approver.post("/api/deliveries/" + id + "/approval", Map.of("approved", true));
		Api.Response noConfirmation = this.api.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", "yes"));

		assertThat(noAnswer.code()).isEqualTo(400);
		assertThat(noAnswer.json().get("errors").findValuesAsText("field")).containsExactly("approved");
		assertThat(rejectedSilently.json().get("errors").findValuesAsText("field")).containsExactly("comment");
		assertThat(notPending.code()).isEqualTo(409);
		assertThat(noConfirmation.code()).isEqualTo(400);
	}

	private int deliveries() {
		return this.jdbc.sql("select count(*) from delivery").query(Integer.class).single();
	}

}
