package org.campaigndelivery.recurring;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.Jobs;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Recurring deliveries through /api and /engine-rest on the running application, with a
 * real clock: the schedule's timers come due while the test runs the due jobs in place of
 * the job executor, and GreenMail is the MTA.
 */
@ApplicationTest
class RecurringDeliveryApiTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	Jobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DeliveryFlow flow;

	Api starter;

	@BeforeEach
	void setUp() {
		this.starter = new Api(this.rest, this.objectMapper, "starter");
	}

	@Test
	void shouldSendNothingBeforeConfirmationAndNothingOfASkippedOccurrenceOnARealClock() throws Exception {
		DeliveryRequests request = delivery().with("label", "Every four seconds")
			.with("approvalMode", "AUTOMATIC")
			.with("schedule", "R/PT4S")
			.with("recipients", DeliveryRequests.recipients(2));
		Api.Response created = this.starter.post("/api/recurring-deliveries", request.body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		assertThat(created.headers().getLocation()).hasToString("/api/recurring-deliveries/" + id);
		assertThat(created.json().get("status").asText()).isEqualTo("ACTIVE");
		assertThat(created.json().get("nextRun").asText()).isNotEmpty();

		JsonNode first = awaitOccurrence(id, 0, "AWAITING_CONFIRMATION");
		assertThat(smtp.getReceivedMessages()).isEmpty();
		JsonNode skipped = awaitOccurrence(id, "SKIPPED", first.get("deliveryId").asText());
		assertThat(skipped.get("statusReason").asText()).contains("Not confirmed before the next occurrence");
		assertThat(smtp.getReceivedMessages()).as("a skipped occurrence sends nothing").isEmpty();

		JsonNode second = awaitOccurrence(id, 1, "AWAITING_CONFIRMATION");
		String secondId = second.get("deliveryId").asText();
		assertThat(this.starter.as("approver")
			.post("/api/deliveries/" + secondId + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(403);
		assertThat(this.starter.post("/api/deliveries/" + secondId + "/confirmation", Map.of("confirmed", true)).code())
			.isEqualTo(204);
		awaitOccurrence(id, "SENT", secondId);
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		for (MimeMessage message : smtp.getReceivedMessages()) {
			assertThat(message.getMessageID()).as("sent by the confirmed occurrence")
				.contains(secondId.replace("-", "").substring(0, 16));
		}

		assertThat(this.starter.as("preparer").post("/api/recurring-deliveries/" + id + "/cancel", null).code())
			.isEqualTo(403);
		assertThat(this.starter.post("/api/recurring-deliveries/" + id + "/cancel", null).code()).isEqualTo(204);
		int occurrences = recurring(id).get("occurrences").size();
		// past the next occurrence's due time: a timer left by the cancel would create it
		schedule(id).ifPresent((instance) -> this.jobs.runDueWithCalledAfter(instance, Duration.ofSeconds(5)));
		JsonNode cancelled = recurring(id);
		assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
		assertThat(cancelled.get("nextRun").isNull()).isTrue();
		assertThat(cancelled.get("occurrences")).as("no occurrence after the cancel").hasSize(occurrences);
		for (JsonNode occurrence : cancelled.get("occurrences")) {
			assertThat(occurrence.get("status").asText()).as("nothing left waiting")
				.isIn("SKIPPED", "SENT", "CANCELLED");
		}
		assertThat(this.starter.post("/api/recurring-deliveries/" + id + "/cancel", null).code()).isEqualTo(409);
		assertThat(smtp.getReceivedMessages()).hasSize(2);
	}

	@Test
	void shouldHoldAPausedOccurrenceInItsLanesAndRelayItOnceResumed() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(7);
		Api.Response created = this.starter.post("/api/recurring-deliveries",
				delivery().with("label", "Paused occurrence")
					.with("approvalMode", "AUTOMATIC")
					.with("schedule", "R/PT4S")
					.with("recipients", recipients)
					.body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		String occurrence = awaitOccurrence(id, 0, "AWAITING_CONFIRMATION").get("deliveryId").asText();
		assertThat(
				this.starter.post("/api/deliveries/" + occurrence + "/confirmation", Map.of("confirmed", true)).code())
			.isEqualTo(204);
		String instance = this.flow.processInstanceId(occurrence);
		this.flow.runOneJob(instance, "Task_StartSending");

		assertThat(this.starter.post("/api/deliveries/" + occurrence + "/pause", null).code()).isEqualTo(204);
		this.flow.runJobs(occurrence);

		assertThat(this.flow.status(occurrence)).isEqualTo("PAUSED");
		assertThat(received(recipients)).as("nothing relayed while paused").isZero();
		assertThat(this.runtimeService.createEventSubscriptionQuery()
			.processInstanceId(instance)
			.eventName("DeliveryResumed")
			.count()).as("each lane of the occurrence waits for the resume, as Cockpit shows").isEqualTo(2);
		assertThat(this.starter.post("/api/deliveries/" + occurrence + "/resume", null).code()).isEqualTo(204);
		this.flow.runJobs(occurrence);
		assertThat(this.flow.status(occurrence)).isEqualTo("SENT");
		assertThat(received(recipients)).as("each recipient once").isEqualTo(7);
		assertThat(this.starter.post("/api/recurring-deliveries/" + id + "/cancel", null).code()).isEqualTo(204);
	}

	private static long received(List<Map<String, Object>> recipients) {
		List<String> addresses = recipients.stream().map((r) -> r.get("email").toString()).toList();
		return Arrays.stream(smtp.getReceivedMessages()).filter((m) -> {
			try {
				return addresses.contains(m.getAllRecipients()[0].toString());
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).count();
	}

	@Test
	void shouldGiveEachOccurrenceTheRecurringDeliverysTextTemplate() throws Exception {
		Api.Response created = this.starter.post("/api/recurring-deliveries",
				delivery().with("label", "Text part every four seconds")
					.with("approvalMode", "AUTOMATIC")
					.with("schedule", "R/PT4S")
					.with("text", "Hi {{firstName}} {{lastName}} & friends")
					.with("recipients", DeliveryRequests.recipients(1))
					.body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();

		JsonNode first = awaitOccurrence(id, 0, "AWAITING_CONFIRMATION");
		JsonNode proof = this.starter.get("/api/deliveries/" + first.get("deliveryId").asText() + "/proof").json();

		assertThat(proof.get("text").asText()).isEqualTo("Hi First1 Last1 & friends");
		assertThat(this.starter.post("/api/recurring-deliveries/" + id + "/cancel", null).code()).isEqualTo(204);
	}

	@Test
	void shouldLetOnlyStartersSetUpARecurringDelivery() {
		long before = count();
		DeliveryRequests request = delivery().with("schedule", "0 0 9 * * MON");

		for (String user : List.of("preparer", "approver", "mta")) {
			Api.Response refused = this.starter.as(user).post("/api/recurring-deliveries", request.body());
			assertThat(refused.code()).as(user).isEqualTo(403);
			assertThat(refused.json().get("detail").asText()).contains("delivery-starters");
		}
		assertThat(this.starter.as(null).post("/api/recurring-deliveries", request.body()).code()).isEqualTo(401);
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void shouldRefuseAConfirmationTogetherWithAnAggregationPeriodNamingBoth() {
		long before = count();

		Api.Response refused = this.starter.post("/api/recurring-deliveries",
				delivery().with("schedule", "0 0 9 * * *")
					.with("aggregationPeriod", "P1D")
					.with("confirmBeforeSend", true)
					.body());

		assertThat(refused.code()).isEqualTo(400);
		assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
		assertThat(fields(refused)).containsExactlyInAnyOrder("confirmBeforeSend", "aggregationPeriod");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void shouldNameEveryBadFieldOfARecurringDelivery() {
		long before = count();

		Api.Response refused = this.starter.post("/api/recurring-deliveries",
				delivery().with("schedule", "0 9 * * *")
					.with("timeZone", "Mars/Olympus")
					.with("until", "yesterday")
					.with("aggregationPeriod", "weekly")
					.with("confirmBeforeSend", "yes")
					.with("contactDate", "2030-01-01T09:00:00Z")
					.with("text", "Hello {{#vip}}dear")
					.without("subject")
					.body());

		assertThat(refused.code()).isEqualTo(400);
		assertThat(fields(refused)).containsExactlyInAnyOrder("schedule", "timeZone", "until", "aggregationPeriod",
				"confirmBeforeSend", "contactDate", "text", "subject");
		assertThat(this.starter.post("/api/recurring-deliveries", delivery().without("schedule").body()).code())
			.isEqualTo(400);
		Api.Response past = this.starter.post("/api/recurring-deliveries",
				delivery().with("schedule", "R3/2020-01-01T09:00:00Z/P1D").body());
		assertThat(fields(past)).containsExactly("schedule");
		assertThat(this.starter.postRaw("/api/recurring-deliveries", "[1]", MediaType.APPLICATION_JSON).code())
			.isEqualTo(400);
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void shouldRefuseASchedulePlanningOccurrencesCloserThanTheMinimumInterval() {
		long before = count();

		// this profile's minimum is four seconds (an hour by default)
		Api.Response everySecond = this.starter.post("/api/recurring-deliveries",
				delivery().with("schedule", "* * * * * *").body());
		Api.Response twiceAMinute = this.starter.post("/api/recurring-deliveries",
				delivery().with("schedule", "0,2 * * * * *").body());

		assertThat(everySecond.code()).as(everySecond.text()).isEqualTo(400);
		assertThat(fields(everySecond)).containsExactly("schedule");
		assertThat(everySecond.json().get("detail").asText()).contains("PT1S apart").contains("at least PT4S");
		assertThat(twiceAMinute.json().get("detail").asText()).as("the closest pair counts, not the average")
			.contains("PT2S apart");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void shouldListRecurringDeliveriesAndAnswer404ForAnUnknownOne() {
		Api.Response created = this.starter.post("/api/recurring-deliveries",
				delivery().with("label", "Weekly newsletter")
					.with("schedule", "0 0 9 * * MON")
					.with("timeZone", "Europe/Paris")
					.body());
		String id = created.json().get("id").asText();

		JsonNode listed = this.starter.as("approver").get("/api/recurring-deliveries?size=1000").json();
		JsonNode one = recurring(id);

		assertThat(listed.findValuesAsText("id")).contains(id);
		assertThat(one.get("schedule").asText()).isEqualTo("0 0 9 * * MON");
		assertThat(one.get("timeZone").asText()).isEqualTo("Europe/Paris");
		assertThat(one.get("confirmBeforeSend").asBoolean()).isTrue();
		assertThat(Instant.parse(one.get("nextRun").asText()).atZone(ZoneId.of("Europe/Paris")).getDayOfWeek())
			.isEqualTo(DayOfWeek.MONDAY);
		assertThat(this.starter.get("/api/recurring-deliveries/no-such-id").code()).isEqualTo(404);
		assertThat(this.starter.as("mta").get("/api/recurring-deliveries/" + id).code()).isEqualTo(403);
	}

	@Test
	void shouldRefuseAStartOfTheScheduleThroughEngineRestThatNamesNoRecurringDelivery() {
		long instances = this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKey("recurringDelivery")
			.count();

		Api.Response refused = this.starter.post("/engine-rest/process-definition/key/recurringDelivery/start",
				Map.of("businessKey", "x", "variables", Map.of("recurringId", Map.of("value", "x"))));
		Api.Response preparer = this.starter.as("preparer")
			.post("/engine-rest/process-definition/key/recurringDelivery/start", Map.of());

		assertThat(refused.code()).as(refused.text()).isEqualTo(400);
		assertThat(refused.text()).contains("POST /api/recurring-deliveries");
		assertThat(preparer.code()).isEqualTo(403);
		assertThat(this.runtimeService.createProcessInstanceQuery().processDefinitionKey("recurringDelivery").count())
			.isEqualTo(instances);
	}

	private JsonNode recurring(String id) {
		Api.Response response = this.starter.get("/api/recurring-deliveries/" + id);
		assertThat(response.code()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	/**
	 * Runs the due jobs until the occurrence at the position (oldest first) reaches the
	 * status; fails after a while.
	 */
	private JsonNode awaitOccurrence(String recurringId, int position, String status) {
		return awaitReaching(recurringId, status, (occurrences) -> occurrences.size() > position
				? occurrences.get(occurrences.size() - 1 - position) : null);
	}

	/** The same for the occurrence that is the delivery. */
	private JsonNode awaitOccurrence(String recurringId, String status, String deliveryId) {
		return awaitReaching(recurringId, status, (occurrences) -> {
			for (JsonNode o : occurrences) {
				if (o.get("deliveryId").asText().equals(deliveryId)) {
					return o;
				}
			}
			return null;
		});
	}

	private JsonNode awaitReaching(String recurringId, String status, Function<List<JsonNode>, JsonNode> pick) {
		List<String> seen = new ArrayList<>();
		AtomicReference<JsonNode> reached = new AtomicReference<>();
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			runDue(recurringId);
			List<JsonNode> occurrences = new ArrayList<>();
			recurring(recurringId).get("occurrences").forEach(occurrences::add);
			JsonNode occurrence = pick.apply(occurrences);
			assertThat(occurrence).as("the occurrence").isNotNull();
			seen.add(occurrence.get("status").asText());
			assertThat(occurrence.get("status").asText()).as("its status; seen " + seen).isEqualTo(status);
			reached.set(occurrence);
		});
		return reached.get();
	}

	private void runDue(String recurringId) {
		schedule(recurringId).ifPresent(this.jobs::runDueWithCalled);
	}

	/** The instance of the recurring delivery's schedule, while it runs. */
	private Optional<String> schedule(String recurringId) {
		return this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKey("recurringDelivery")
			.processInstanceBusinessKey(recurringId)
			.list()
			.stream()
			.findFirst()
			.map(ProcessInstance::getId);
	}

	private long count() {
		return this.jdbc.sql("select count(*) from recurring_delivery").query(Long.class).single();
	}

	private static List<String> fields(Api.Response response) {
		return response.json().get("errors").findValuesAsText("field");
	}

}
