package org.campaigndelivery.retention;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.Browser;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.Jobs;
import org.campaigndelivery.support.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * The data lifecycle through /api and the dataCleanup process: a delivery ended longer
 * ago than its retention loses its logs, their events and its exclusion logs, keeps its
 * KPIs and exclusion counts and says since when; what is younger stays; one run at a
 * time; the nightly timer starts runs too.
 */
@ApplicationTest
class DataCleanupTests {

	/**
	 * Longer than the logs' retention period (180 days) by a month: on PostgreSQL logs go
	 * a month at a time, once the month they were queued in is over before the cutoff.
	 */
	static final Duration LONGER_THAN_RETENTION = Duration.ofDays(181 + 31);

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Autowired
	Jobs jobs;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@LocalServerPort
	int port;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aDeliveryEndedLongerAgoThanItsRetentionKeepsItsKpisAndLosesItsLogs() throws Exception {
		String ann = fresh("ann");
		String bea = fresh("bea");
		String ended = this.flow.relay(delivery().with("recipients",
				List.of(Map.of("email", ann), Map.of("email", bea), Map.of("email", ann.toUpperCase()))));
		this.flow.event(ended, bea, "HARD_BOUNCE", "550 5.1.1 User unknown");
		this.flow.endValidity(ended);
		String stillSending = this.flow.relay(delivery().with("recipients", List.of(Map.of("email", fresh("cy")))));
		Api reader = this.flow.as("preparer");
		JsonNode kpisBefore = reader.get("/api/deliveries/" + ended).json().get("kpis");
		JsonNode excludedBefore = reader.get("/api/deliveries/" + ended + "/preparation")
			.json()
			.get("excludedByReason");
		List<String> messageIds = new ArrayList<>();
		reader.get("/api/deliveries/" + ended + "/logs")
			.json()
			.forEach((l) -> messageIds.add(l.get("messageId").asText()));
		String unknown = "<nobody-" + UUID.randomUUID() + "@example.com>";
		this.flow.as("mta").post("/api/mta/events", List.of(Map.of("messageId", unknown, "type", "DELIVERED")));
		long logId = this.jdbc.sql("select min(id) from sending_log where delivery_id = :id")
			.param("id", ended)
			.query(Long.class)
			.single();
		this.jdbc.sql("insert into tracking_hit (delivery_id, log_id, kind, at) values (:id, :log, 'OPEN', :at)")
			.param("id", ended)
			.param("log", logId)
			.param("at", OffsetDateTime.now(this.clock))
			.update();
		assertThat(messageIds).hasSize(2);
		assertThat(excludedBefore.get("DUPLICATE").asInt()).isOne();

		this.clock.advance(LONGER_THAN_RETENTION);
		assertThat(this.flow.as("approver").post("/api/maintenance/cleanup", Map.of()).code()).isEqualTo(403);
		Api.Response started = this.flow.as("demo").post("/api/maintenance/cleanup", Map.of());
		assertThat(started.code()).as(started.text()).isEqualTo(202);
		String runId = started.json().get("id").asText();
		assertThat(started.json().get("running").asBoolean()).isTrue();
		runToTheEnd(runId);

		JsonNode purged = reader.get("/api/deliveries/" + ended).json();
		assertThat(purged.get("logsPurgedAt").isNull()).isFalse();
		assertThat(purged.get("kpis")).isEqualTo(kpisBefore);
		assertThat(purged.get("kpis").get("hardBounces").asInt()).isOne();
		assertThat(reader.get("/api/deliveries/" + ended + "/logs").json()).isEmpty();
		assertThat(reader.get("/api/deliveries/" + ended + "/exclusions").json()).isEmpty();
		assertThat(reader.get("/api/deliveries/" + ended + "/preparation").json().get("excludedByReason"))
			.isEqualTo(excludedBefore);
		Api.Response recount = reader.post("/api/deliveries/" + ended + "/compute-stats", Map.of());
		assertThat(recount.code()).isEqualTo(409);
		assertThat(recount.headers().getContentType()).hasToString("application/problem+json");
		assertThat(recount.json().get("detail").asText()).contains("purged").contains("nothing left to recount");
		assertThat(count("select count(*) from mta_event where message_id in (:ids)", messageIds)).isZero();
		assertThat(count("select count(*) from mta_event where message_id in (:ids)", List.of(unknown))).isZero();
		assertThat(count("select count(*) from tracking_hit where delivery_id in (:ids)", List.of(ended))).isZero();
		assertThat(count("""
				select count(*) from audience_member m join delivery d on d.audience_id = m.audience_id
				where d.id in (:ids)""", List.of(ended))).isZero();

		try (Browser browser = Browser.open()) {
			WebDriver driver = browser.driver();
			driver.get("http://localhost:" + this.port + "/login?next=/deliveries/" + ended);
			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
			driver.findElement(By.id("username")).sendKeys("preparer");
			driver.findElement(By.id("password")).sendKeys("preparer");
			driver.findElement(By.id("log-in")).click();
			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("logs-purged")));
			browser.screenshot("deployment-page-purged");
			assertThat(driver.findElement(By.id("logs-purged")).getText())
				.contains("sending logs, their events and its exclusion logs were purged on")
				.contains("the KPIs and exclusion counts shown are those counted before");
			assertThat(driver.findElement(By.id("compute-stats")).isDisplayed()).isFalse();
			browser.waiting()
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chart"),
						"The sending logs behind this chart were purged."));
		}
		Api.Response history = reader.get("/api/recipients/" + bea + "/history");
		assertThat(history.json()).as("its messages went with its logs").isEmpty();
		assertThat(OffsetDateTime.parse(history.headers().getFirst("Logs-Purged-Through")))
			.isAfterOrEqualTo(OffsetDateTime.parse(purged.get("updatedAt").asText()));

		JsonNode run = run(runId);
		assertThat(run.get("running").asBoolean()).isFalse();
		assertThat(run.get("startedBy").asText()).isEqualTo("demo");
		assertThat(run.get("finishedAt").isNull()).isFalse();
		JsonNode counts = run.get("purged");
		assertThat(counts.get("deliveries").asInt()).isPositive();
		assertThat(counts.get("sendingLogs").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(counts.get("exclusions").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(counts.get("mtaEvents").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(counts.get("trackingHits").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(counts.get("audienceMembers").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(run.get("batches").asInt()).isPositive();

		// its audience is gone too: a new delivery to it is refused, naming why
		String audienceId = this.jdbc.sql("select audience_id from delivery where id = :id")
			.param("id", ended)
			.query(String.class)
			.single();
		assertThat(reader.get("/api/audiences/" + audienceId).json().get("membersPurgedAt").isNull()).isFalse();
		Api.Response toPurgedAudience = reader.post("/api/deliveries",
				delivery().without("recipients").with("audienceId", audienceId).body());
		assertThat(toPurgedAudience.code()).isEqualTo(400);
		assertThat(toPurgedAudience.json().get("errors").get(0).get("message").asText())
			.contains("recipients the cleanup process purged on");

		// what has not ended stays, and the next delivery goes as ever
		assertThat(reader.get("/api/deliveries/" + stillSending + "/logs").json()).hasSize(1);
		assertThat(reader.get("/api/deliveries/" + stillSending).json().get("logsPurgedAt").isNull()).isTrue();
		String next = this.flow.relay(delivery().with("recipients", List.of(Map.of("email", ann))));
		assertThat(reader.post("/api/deliveries/" + next + "/compute-stats", Map.of()).json().get("sent").asInt())
			.isOne();
		this.flow.assertLog(next, ann, "SENT", null, null);
	}

	@Test
	void aRunAskedForWhileAnotherIsUnderWayIsRefused() {
		Api admin = this.flow.as("demo");
		String first = admin.post("/api/maintenance/cleanup", Map.of()).json().get("id").asText();

		Api.Response second = admin.post("/api/maintenance/cleanup", Map.of());

		assertThat(second.code()).isEqualTo(409);
		assertThat(second.json().get("detail").asText()).contains(first).contains("one run at a time");
		runToTheEnd(first);
		assertThat(run(first).get("running").asBoolean()).isFalse();
		Api.Response third = admin.post("/api/maintenance/cleanup", Map.of());
		assertThat(third.code()).isEqualTo(202);
		runToTheEnd(third.json().get("id").asText());
	}

	@Test
	void theNightlyTimerStartsARunOfItsOwn() {
		Job timer = this.managementService.createJobQuery().processDefinitionKey("dataCleanup").timers().singleResult();
		assertThat(timer.getDuedate()).isInTheFuture();

		this.managementService.executeJob(timer.getId());

		ProcessInstance instance = this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKey("dataCleanup")
			.active()
			.singleResult();
		String runId = (String) this.runtimeService.getVariable(instance.getId(), "cleanupRunId");
		this.jobs.runDue(instance.getId());
		JsonNode run = run(runId);
		assertThat(run.get("startedBy").asText()).isEqualTo("schedule");
		assertThat(run.get("running").asBoolean()).isFalse();
		assertThat(this.managementService.createJobQuery().processDefinitionKey("dataCleanup").timers().count())
			.as("the next night waits")
			.isOne();
	}

	void runToTheEnd(String runId) {
		ProcessInstance instance = this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(runId)
			.singleResult();
		assertThat(instance).as("the run's process").isNotNull();
		this.jobs.runDue(instance.getId());
	}

	JsonNode run(String runId) {
		for (JsonNode run : this.flow.as("demo").get("/api/maintenance/cleanup-runs?size=100").json()) {
			if (run.get("id").asText().equals(runId)) {
				return run;
			}
		}
		throw new AssertionError("no cleanup run " + runId);
	}

	long count(String sql, List<String> ids) {
		return this.jdbc.sql(sql).param("ids", ids).query(Long.class).single();
	}

	static String fresh(String name) {
		return name + "-" + UUID.randomUUID() + "@example.com";
	}

}
