package org.campaigndelivery.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Stopping a delivery through /api and /engine-rest: what was relayed stays, nothing more
 * leaves, and only starters may.
 */
@ApplicationTest
class DeliveryCancelTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	@Test
	void shouldStopASendingDeliveryAtItsLanesNextBatch() {
		// Each lane's first batch, once: recipients are dealt to the slots in runs of 256
		// member ids, so 20 of them are in one lane's slots or, across a run's end, in
		// both.
		String id = sendingFirstBatches(DeliveryRequests.recipients(20));
		String instanceId = this.flow.processInstanceId(id);
		int relayed = smtp.getReceivedMessages().length;
		assertThat(relayed).as("one batch of one lane or of each").isBetween(3, 6);
		assertThat(this.flow.status(id)).isEqualTo("SENDING");

		assertThat(this.flow.as("approver").post("/api/deliveries/" + id + "/cancel", null).code()).isEqualTo(403);
		Api.Response cancelled = this.flow.as("starter").post("/api/deliveries/" + id + "/cancel", null);

		assertThat(cancelled.code()).as(cancelled.text()).isEqualTo(204);
		assertThat(this.runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
		assertThat(this.managementService.createJobQuery().processInstanceId(instanceId).count()).isZero();
		assertThat(smtp.getReceivedMessages()).as("nothing more leaves").hasSize(relayed);
		JsonNode view = this.flow.as("preparer").get("/api/deliveries/" + id).json();
		assertThat(view.get("status").asText()).isEqualTo("CANCELLED");
		assertThat(view.get("statusReason").asText()).isEqualTo("Cancelled by starter.");
		assertThat(view.get("kpis").get("sent").asInt()).as("what was relayed stays").isEqualTo(relayed);
		JsonNode logs = this.flow.as("preparer").get("/api/deliveries/" + id + "/logs?size=100").json();
		assertThat(logs.findValuesAsText("status")).containsOnly("SENT", "PENDING").hasSize(20);
		assertThat(logs.findValuesAsText("status").stream().filter("SENT"::equals)).hasSize(relayed);
		this.flow.rates(id);

		Api.Response again = this.flow.as("starter").post("/api/deliveries/" + id + "/cancel", null);
		assertThat(again.code()).isEqualTo(409);
		assertThat(again.json().get("detail").asText()).contains("CANCELLED");
	}

	@Test
	void shouldRefuseACancelThatWouldStopNothingOnceEveryMessageLeft() {
		// every lane's batch, the lanes not joined yet: still SENDING, nothing left to
		// relay
		String id = sendingFirstBatches(DeliveryRequests.freshRecipients(2));
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(this.flow.status(id)).isEqualTo("SENDING");

		Api.Response refused = this.flow.as("starter").post("/api/deliveries/" + id + "/cancel", null);

		assertThat(refused.code()).isEqualTo(409);
		assertThat(refused.json().get("detail").asText()).contains("has handed all its 2 messages to the MTA already")
			.contains("a cancellation would stop nothing");
		Api.Response overEngineRest = this.flow.as("demo")
			.post("/engine-rest/message", Map.of("messageName", "DeliveryCancelled", "businessKey", id));
		assertThat(overEngineRest.code()).as(overEngineRest.text()).isEqualTo(400);
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("SENT");
	}

	@Test
	void shouldStopAScheduledDeliveryBeforeItsContactDate() {
		OffsetDateTime contactDate = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0);
		String id = create(delivery().with("contactDate", contactDate.toString()));
		this.flow.runJobs(id);
		this.flow.as("starter").post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		assertThat(this.flow.status(id)).isEqualTo("SCHEDULED");

		assertThat(this.flow.as("starter").post("/api/deliveries/" + id + "/cancel", null).code()).isEqualTo(204);

		assertThat(this.flow.status(id)).isEqualTo("CANCELLED");
		assertThat(this.runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void shouldRefuseToCancelADeliveryAlreadySent() {
		String id = this.flow.relay(delivery());

		Api.Response refused = this.flow.as("starter").post("/api/deliveries/" + id + "/cancel", null);

		assertThat(refused.code()).isEqualTo(409);
		assertThat(refused.json().get("detail").asText()).contains("SENT");
		assertThat(this.flow.status(id)).isEqualTo("SENT");
		assertThat(this.flow.as("starter").post("/api/deliveries/no-such-id/cancel", null).code()).isEqualTo(404);
	}

	@Test
	void shouldLetOnlyStartersCancelThroughTheModelsMessageOverEngineRest() {
		String id = create(delivery());
		this.flow.runJobs(id);
		Map<String, Object> message = Map.of("messageName", "DeliveryCancelled", "businessKey", id);

		Api.Response preparer = this.flow.as("preparer").post("/engine-rest/message", message);
		assertThat(preparer.code()).as(preparer.text()).isIn(400, 403);
		assertThat(this.flow.status(id)).isEqualTo("AWAITING_CONFIRMATION");

		Api.Response admin = this.flow.as("demo").post("/engine-rest/message", message);
		assertThat(admin.code()).as(admin.text()).isIn(200, 204);
		assertThat(this.flow.status(id)).isEqualTo("CANCELLED");
		assertThat(this.runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
	}

	/** Confirmed, started, and each lane's first batch relayed. */
	private String sendingFirstBatches(List<Map<String, Object>> recipients) {
		String id = create(delivery().with("recipients", recipients));
		this.flow.runJobs(id);
		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		String instanceId = this.flow.processInstanceId(id);
		execute(instanceId, "Task_StartSending");
		executeEach(instanceId, "Task_SendBatch");
		return id;
	}

	private String create(DeliveryRequests request) {
		Api.Response created = this.flow.as("preparer")
			.post("/api/deliveries", request.with("approvalMode", "AUTOMATIC").body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		return created.json().get("id").asText();
	}

	private void executeEach(String instanceId, String activityId) {
		List<Job> jobs = this.managementService.createJobQuery()
			.processInstanceId(instanceId)
			.activityId(activityId)
			.executable()
			.list();
		assertThat(jobs).as("jobs at " + activityId).isNotEmpty();
		for (Job job : jobs) {
			this.managementService.executeJob(job.getId());
		}
	}

	private void execute(String instanceId, String activityId) {
		List<Job> jobs = this.managementService.createJobQuery()
			.processInstanceId(instanceId)
			.activityId(activityId)
			.executable()
			.list();
		assertThat(jobs).as("jobs at " + activityId).isNotEmpty();
		this.managementService.executeJob(jobs.get(0).getId());
	}

}
