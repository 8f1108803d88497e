package org.campaigndelivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.campaigndelivery.support.ApplicationProcess;
import org.campaigndelivery.support.PostgresDatabase;
import org.campaigndelivery.support.RefusingSmtpServer;
import org.campaigndelivery.support.RemoteApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reputation guard and the pause as a user meets them: the application in a JVM of
 * its own with its job executor on, over HTTP, relaying to a real SMTP server. A
 * {@value #RECIPIENTS}-recipient delivery whose MTA refuses 30 % as unknown users, and
 * one whose recipients report it as spam, each pause themselves after at most
 * {@value #MOST_BEFORE_PAUSE} messages, open the starters' review, raise an alert that is
 * listed and mailed, and relay the rest once when resumed; a
 * {@value #UNDER_LOAD}-recipient delivery paused and resumed three times while it sends
 * reaches every recipient once.
 */
class GuardedSendTests {

	private static final int RECIPIENTS = 3_000;

	private static final int UNDER_LOAD = 20_000;

	private static final int LANES = 4;

	private static final int BATCH = 50;

	private static final int MINIMUM_SAMPLE = 200;

	/** The bound; the guard's own is the sample and a batch a lane, 400 here. */
	private static final int MOST_BEFORE_PAUSE = 1_000;

	/**
	 * How long the MTA takes a message while complaints come in: a lane's batch lasts a
	 * second, longer than a complaint takes to reach the guard.
	 */
	private static final long PACE_MILLIS = 20;

	private static final String ALERTS = "alerts@example.com";

	@Test
	void pausesItselfOnItsEmbeddedH2AndGoesOnOnceAfterTheReview(@TempDir Path directory) throws Exception {
		run(directory, "guard-h2", List.of());
	}

	@Test
	@EnabledIfSystemProperty(named = PostgresDatabase.URL_PROPERTY, matches = ".+",
			disabledReason = "no PostgreSQL server answered at 127.0.0.1:5432")
	void pausesItselfOnPostgresAndGoesOnOnceAfterTheReview(@TempDir Path directory) throws Exception {
		PostgresDatabase.withOwnDatabase("campaign_delivery_guard",
				(database) -> run(directory, "guard-postgres", database));
	}

	private void run(Path directory, String name, List<String> database) throws Exception {
		Path log = Files.createDirectories(Path.of("target", "application-process")).resolve(name + ".log");
		Files.deleteIfExists(log);
		try (RefusingSmtpServer mta = new RefusingSmtpServer(ApplicationProcess.freePort())) {
			List<String> arguments = new ArrayList<>(
					List.of("--delivery.mta.sandbox.enabled=false", "--spring.mail.host=127.0.0.1",
							"--spring.mail.port=" + mta.port(), "--delivery.sending.lanes=" + LANES,
							"--delivery.sending.batch-size=" + BATCH, "--delivery.alerts.recipients=" + ALERTS));
			arguments.addAll(database);
			try (ApplicationProcess application = ApplicationProcess.start(log, directory.toFile(),
					ApplicationProcess.freePort(), arguments.toArray(String[]::new))) {
				application.awaitPortOpen(Duration.ofMinutes(2));
				RemoteApi api = new RemoteApi(application.port(), "preparer");
				System.out.printf(Locale.ROOT, "Guarded send on %s: %s; %s; %s%n", name, unknownUsers(api, mta),
						complaints(api, mta), pausedThreeTimes(api, mta));
				assertThat(mta.accepted().stream().filter(ALERTS::equals).count())
					.as("one alert mailed a pause, whatever the lanes and retries")
					.isEqualTo(2);
			}
		}
	}

	/**
	 * The MTA refuses 30 % with 550 5.1.1: paused by the guard, reviewed in Tasklist's
	 * task API, resumed by the starter's decision.
	 */
	private String unknownUsers(RemoteApi api, RefusingSmtpServer mta) {
		int refused = 0;
		for (int i = 0; i < RECIPIENTS; i++) {
			if (i % 10 < 3) {
				String address = address("unknown", i);
				mta.refuse(address, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
				refused++;
			}
		}
		String id = confirmed(api, "unknown", RECIPIENTS,
				Map.of("minimumSample", MINIMUM_SAMPLE, "maxHardBounceRate", 10));

		JsonNode paused = pausedByTheGuard(api, id);
		assertThat(paused.get("statusReason").asText()).contains("hard bounces ").contains("over the limit of 10 %");
		int sentBeforePause = paused.get("kpis").get("sent").asInt();
		String task = reviewTask(api, id);
		assertAlerted(api, id);

		RemoteApi.Answer decided = api.as("starter")
			.post("/engine-rest/task/" + task + "/complete",
					Map.of("variables", Map.of("resumeDelivery", Map.of("value", true, "type", "Boolean"))));
		assertThat(decided.code()).as(decided.text()).isEqualTo(204);
		JsonNode sent = awaitStatus(api, id, "SENT", Duration.ofMinutes(3));

		assertReachedOnce(mta, "unknown", RECIPIENTS - refused);
		assertThat(sent.get("kpis").get("sent").asInt()).isEqualTo(RECIPIENTS);
		assertThat(sent.get("kpis").get("hardBounces").asInt()).isEqualTo(refused);
		return String.format(Locale.ROOT, "unknown users: paused at %,d sent, %,d hard bounces in the end",
				sentBeforePause, refused);
	}

	/**
	 * Three recipients report the first messages as spam while the delivery sends: paused
	 * by the guard, resumed through /api, which closes the review.
	 */
	private String complaints(RemoteApi api, RefusingSmtpServer mta) throws InterruptedException {
		mta.delay(Duration.ofMillis(PACE_MILLIS));
		String id = confirmed(api, "complaint", RECIPIENTS,
				Map.of("minimumSample", MINIMUM_SAMPLE, "maxComplaintRate", 0.3));
		AtomicBoolean reported = new AtomicBoolean();
		Thread reporter = new Thread(() -> {
			// as the mailbox providers' feedback loops do: a complaint about a message as
			// soon as it arrived
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
				JsonNode logs = api.get("/api/deliveries/" + id + "/logs?status=SENT&size=3").json();
				if (logs.size() < 3) {
					return false;
				}
				List<Map<String, String>> events = new ArrayList<>();
				logs.forEach((l) -> events.add(Map.of("messageId", l.get("messageId").asText(), "type", "COMPLAINT")));
				assertThat(api.as("mta").post("/api/mta/events", events).code()).isEqualTo(202);
				return true;
			});
			reported.set(true);
		}, "complaints");
		reporter.start();

		JsonNode paused = pausedByTheGuard(api, id);
		mta.delay(Duration.ZERO);
		reporter.join();
		assertThat(reported).isTrue();
		assertThat(paused.get("statusReason").asText()).contains("complaints 3 of ")
			.contains("over the limit of 0.3 %");
		int sentBeforePause = paused.get("kpis").get("sent").asInt();
		reviewTask(api, id);
		assertAlerted(api, id);

		assertThat(api.as("approver").post("/api/deliveries/" + id + "/resume", null).code()).isEqualTo(403);
		assertThat(api.as("starter").post("/api/deliveries/" + id + "/resume", null).code()).isEqualTo(204);
		assertThat(reviewTasks(api.as("starter"), id)).as("a resume through /api closes the review").isEmpty();
		awaitStatus(api, id, "SENT", Duration.ofMinutes(3));

		assertReachedOnce(mta, "complaint", RECIPIENTS);
		return String.format(Locale.ROOT, "complaints: paused at %,d sent", sentBeforePause);
	}

	/** A starter pauses and resumes a large send three times while it relays. */
	private String pausedThreeTimes(RemoteApi api, RefusingSmtpServer mta) {
		mta.delay(Duration.ofMillis(1));
		int before = mta.acceptedCount();
		String id = confirmed(api, "load", UNDER_LOAD, Map.of());
		List<String> pauses = new ArrayList<>();
		for (int pause = 1; pause <= 3; pause++) {
			int reached = before + pause * UNDER_LOAD / 4;
			await("the send to reach " + reached).atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> mta.acceptedCount() >= reached);
			RemoteApi.Answer paused = api.as("starter").post("/api/deliveries/" + id + "/pause", null);
			assertThat(paused.code()).as(paused.text()).isEqualTo(204);
			awaitNothingInFlight(api, id, 1);
			int atPause = mta.acceptedCount() - before;
			await("nothing relayed while paused").during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(2))
				.until(() -> mta.acceptedCount() - before == atPause);
			assertThat(api.get("/api/deliveries/" + id).json().get("status").asText()).isEqualTo("PAUSED");
			RemoteApi.Answer resumed = api.as("starter").post("/api/deliveries/" + id + "/resume", null);
			assertThat(resumed.code()).as(resumed.text()).isEqualTo(204);
			pauses.add(String.format(Locale.ROOT, "%,d", atPause));
		}
		JsonNode sent = awaitStatus(api, id, "SENT", Duration.ofMinutes(3));

		assertReachedOnce(mta, "load", UNDER_LOAD);
		assertThat(sent.get("kpis").get("sent").asInt()).isEqualTo(UNDER_LOAD);
		return "paused three times at " + String.join(", ", pauses) + " of "
				+ String.format(Locale.ROOT, "%,d", UNDER_LOAD) + " received, each recipient once";
	}

	private static String confirmed(RemoteApi api, String prefix, int recipients, Map<String, Object> guard) {
		StringBuilder csv = new StringBuilder("email,firstName\n");
		for (int i = 0; i < recipients; i++) {
			csv.append(address(prefix, i)).append(",Reader").append(i).append('\n');
		}
		RemoteApi.Answer audience = api.post("/api/audiences?name=" + prefix, csv.toString(), "text/csv");
		assertThat(audience.code()).as(audience.text()).isEqualTo(201);
		Map<String, Object> body = new HashMap<>(
				Map.of("label", prefix, "from", "news@example.com", "subject", "Hello {{firstName}}", "html",
						"<p>Hello {{firstName}}</p><a href=\"https://example.com/u\">Unsubscribe</a>", "audienceId",
						audience.json().get("id").asText(), "approvalMode", "AUTOMATIC"));
		if (!guard.isEmpty()) {
			body.put("guard", guard);
		}
		RemoteApi.Answer created = api.post("/api/deliveries", body);
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		awaitStatus(api, id, "AWAITING_CONFIRMATION", Duration.ofMinutes(1));
		RemoteApi.Answer confirmed = api.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		assertThat(confirmed.code()).as(confirmed.text()).isEqualTo(204);
		return id;
	}

	/**
	 * Paused, with every lane waiting for the resume (and the review waiting too; no lane
	 * is through after so few): nothing is in flight any more, so what was sent is what
	 * left.
	 */
	private static JsonNode pausedByTheGuard(RemoteApi api, String id) {
		awaitStatus(api, id, "PAUSED", Duration.ofMinutes(2));
		awaitNothingInFlight(api, id, LANES + 1);
		JsonNode paused = api.get("/api/deliveries/" + id).json();
		assertThat(paused.get("statusReason").asText()).startsWith("Paused by the reputation guard at ");
		assertThat(paused.get("kpis").get("sent").asInt()).as("messages sent before the pause took hold")
			.isBetween(MINIMUM_SAMPLE, MOST_BEFORE_PAUSE);
		return paused;
	}

	/** The review is open to the starters alone; its id. */
	private static String reviewTask(RemoteApi api, String id) {
		assertThat(reviewTasks(api.as("approver"), id)).isEmpty();
		assertThat(reviewTasks(api.as("preparer"), id)).isEmpty();
		JsonNode tasks = reviewTasks(api.as("starter"), id);
		assertThat(tasks).hasSize(1);
		return tasks.get(0).get("id").asText();
	}

	private static JsonNode reviewTasks(RemoteApi api, String id) {
		RemoteApi.Answer tasks = api
			.get("/engine-rest/task?processInstanceBusinessKey=" + id + "&taskDefinitionKey=Task_ReviewPausedDelivery");
		assertThat(tasks.code()).as(tasks.text()).isEqualTo(200);
		return tasks.json();
	}

	private static void assertAlerted(RemoteApi api, String id) {
		RemoteApi.Answer alerts = api.as("starter").get("/api/alerts?deliveryId=" + id);
		assertThat(alerts.code()).as(alerts.text()).isEqualTo(200);
		assertThat(alerts.json().findValuesAsText("kind")).containsExactly("AUTO_PAUSED");
	}

	/**
	 * Nothing of the delivery in flight, as Cockpit shows it: no lane has a batch job (a
	 * lane relaying holds one until it has recorded its batches), and at least the given
	 * number of waits for DeliveryResumed. A lane that drained before the pause waits for
	 * nothing: lanes relay at their own pace, and one may be through first.
	 */
	private static void awaitNothingInFlight(RemoteApi api, String id, int waits) {
		String instance = api.as("demo")
			.get("/engine-rest/process-instance?businessKey=" + id)
			.json()
			.get(0)
			.get("id")
			.asText();
		try {
			await("the lanes of delivery " + id + " to stop").atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> count(api,
						"/engine-rest/job/count?activityId=Task_SendBatch&processInstanceId=" + instance) == 0
						&& count(api,
								"/engine-rest/event-subscription/count?eventName=DeliveryResumed&processInstanceId="
										+ instance) >= waits);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("still in flight; the lanes: "
					+ api.as("demo").get("/engine-rest/process-instance/" + instance + "/activity-instances").text()
					+ "; their jobs: " + api.as("demo").get("/engine-rest/job?processInstanceId=" + instance).text(),
					ex);
		}
	}

	private static int count(RemoteApi api, String path) {
		return api.as("demo").get(path).json().get("count").asInt();
	}

	private static JsonNode awaitStatus(RemoteApi api, String id, String status, Duration timeout) {
		return await("delivery " + id + " to be " + status).atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api.get("/api/deliveries/" + id).json(), (d) -> status.equals(d.get("status").asText()));
	}

	private static void assertReachedOnce(RefusingSmtpServer mta, String prefix, int expected) {
		Map<String, Integer> copies = new HashMap<>();
		for (String recipient : mta.accepted()) {
			if (recipient.startsWith(prefix + "-")) {
				copies.merge(recipient, 1, Integer::sum);
			}
		}
		assertThat(copies).as("recipients of '" + prefix + "' that reached the MTA").hasSize(expected);
		assertThat(copies.values().stream().filter((c) -> c > 1).count()).as("reached twice").isZero();
	}

	private static String address(String prefix, int i) {
		return prefix + "-" + i + "@example.com";
	}

}
