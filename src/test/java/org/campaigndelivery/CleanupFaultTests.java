package org.campaigndelivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.campaigndelivery.support.ApplicationProcess;
import org.campaigndelivery.support.PostgresDatabase;
import org.campaigndelivery.support.RemoteApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cleanup run killed with kill -9 in the middle resumes after the restart, on the same
 * database: every log and exclusion log of the ended delivery purged and counted exactly
 * once, its exclusion counts and KPIs kept. The application runs in a JVM of its own with
 * a retention of one second and batches of {@value #BATCH}.
 */
class CleanupFaultTests {

	private static final int RECIPIENTS = 8_000;

	private static final int DUPLICATES = 200;

	private static final int BATCH = 20;

	private static final int LOCK_MILLIS = 15_000;

	@Test
	void aRunKilledMidwayOnItsEmbeddedH2ResumesWithNothingPurgedTwice(@TempDir Path directory) throws Exception {
		run(directory, "cleanup-kill-h2", List.of());
	}

	@Test
	@EnabledIfSystemProperty(named = PostgresDatabase.URL_PROPERTY, matches = ".+",
			disabledReason = "no PostgreSQL server answered at 127.0.0.1:5432")
	void aRunKilledMidwayOnPostgresResumesWithNothingPurgedTwice(@TempDir Path directory) throws Exception {
		PostgresDatabase.withOwnDatabase("campaign_delivery_cleanup",
				(database) -> run(directory, "cleanup-kill-postgres", database));
	}

	private void run(Path directory, String name, List<String> database) throws Exception {
		Path log = Files.createDirectories(Path.of("target", "application-process")).resolve(name + ".log");
		Files.deleteIfExists(log);
		List<String> arguments = new ArrayList<>(
				List.of("--delivery.retention.sending-logs=PT1S", "--delivery.retention.batch-size=" + BATCH,
						"--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS));
		arguments.addAll(database);
		int port = ApplicationProcess.freePort();
		ApplicationProcess application = ApplicationProcess.start(log, directory.toFile(), port,
				arguments.toArray(String[]::new));
		try {
			application.awaitPortOpen(Duration.ofMinutes(2));
			RemoteApi api = new RemoteApi(port, "preparer");
			String id = rejected(api);
			JsonNode kpis = api.get("/api/deliveries/" + id).json().get("kpis");
			// the retention of one second passes
			Thread.sleep(1_200);

			RemoteApi.Answer started = api.as("demo").post("/api/maintenance/cleanup", Map.of());
			assertThat(started.code()).as(started.text()).isEqualTo(202);
			String runId = started.json().get("id").asText();
			int batchesBeforeKill = await("a few batches").atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> run(api, runId).get("batches").asInt(), (b) -> b >= 20);
			application.kill();
			long killedAt = System.nanoTime();
			application = ApplicationProcess.start(log, directory.toFile(), port, arguments.toArray(String[]::new));
			application.awaitPortOpen(Duration.ofMinutes(2));

			JsonNode run = await("the run to finish").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> run(api, runId), (r) -> !r.get("running").asBoolean());
			System.out.printf(Locale.ROOT,
					"Cleanup %s: kill -9 after %,d batches; finished %,d ms after the kill, %,d batches, %s%n", name,
					batchesBeforeKill, Duration.ofNanos(System.nanoTime() - killedAt).toMillis(),
					run.get("batches").asInt(), run.get("purged"));
			JsonNode purged = run.get("purged");
			assertThat(purged.get("sendingLogs").asLong()).as("each log purged and counted once").isEqualTo(RECIPIENTS);
			assertThat(purged.get("exclusions").asLong()).as("each exclusion log once").isEqualTo(DUPLICATES);
			assertThat(purged.get("deliveries").asInt()).isOne();
			JsonNode delivery = api.get("/api/deliveries/" + id).json();
			assertThat(delivery.get("logsPurgedAt").isNull()).isFalse();
			assertThat(delivery.get("kpis")).isEqualTo(kpis);
			assertThat(api.get("/api/deliveries/" + id + "/logs").json()).isEmpty();
			assertThat(api.get("/api/deliveries/" + id + "/exclusions").json()).isEmpty();
			assertThat(api.get("/api/deliveries/" + id + "/preparation")
				.json()
				.get("excludedByReason")
				.get("DUPLICATE")
				.asInt()).isEqualTo(DUPLICATES);
			assertThat(api.post("/api/deliveries/" + id + "/compute-stats", null).code()).isEqualTo(409);
		}
		finally {
			application.close();
		}
	}

	/**
	 * A delivery prepared (its logs queued, its duplicates excluded) and rejected: it
	 * ended, with every log it queued.
	 */
	private static String rejected(RemoteApi api) {
		StringBuilder csv = new StringBuilder("email,firstName\n");
		for (int i = 0; i < RECIPIENTS; i++) {
			csv.append("reader-").append(i).append("@example.com,Reader").append(i).append('\n');
		}
		for (int i = 0; i < DUPLICATES; i++) {
			csv.append("READER-").append(i).append("@example.com,Again").append(i).append('\n');
		}
		RemoteApi.Answer audience = api.post("/api/audiences?name=cleanup", csv.toString(), "text/csv");
		assertThat(audience.code()).as(audience.text()).isEqualTo(201);
		RemoteApi.Answer created = api.post("/api/deliveries",
				Map.of("label", "cleanup", "from", "news@example.com", "subject", "Hello {{firstName}}", "html",
						"<p>Hello {{firstName}}</p><a href=\"https://example.com/u\">Unsubscribe</a>", "audienceId",
						audience.json().get("id").asText()));
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		awaitStatus(api, id, "AWAITING_APPROVAL");
		RemoteApi.Answer rejected = api.as("approver")
			.post("/api/deliveries/" + id + "/approval", Map.of("approved", false, "comment", "not this one"));
		assertThat(rejected.code()).as(rejected.text()).isEqualTo(204);
		JsonNode ended = awaitStatus(api, id, "REJECTED");
		assertThat(ended.get("kpis").get("toDeliver").asInt()).isEqualTo(RECIPIENTS);
		return id;
	}

	private static JsonNode run(RemoteApi api, String runId) {
		for (JsonNode run : api.as("demo").get("/api/maintenance/cleanup-runs").json()) {
			if (run.get("id").asText().equals(runId)) {
				return run;
			}
		}
		throw new AssertionError("no cleanup run " + runId);
	}

	private static JsonNode awaitStatus(RemoteApi api, String id, String status) {
		return await("delivery " + id + " to be " + status).atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api.get("/api/deliveries/" + id).json(), (d) -> status.equals(d.get("status").asText()));
	}

}
