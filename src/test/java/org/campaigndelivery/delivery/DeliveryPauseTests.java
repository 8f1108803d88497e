package org.campaigndelivery.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.TestClock;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Pausing and resuming a delivery through /api: its lanes hold at their next batch and
 * wait where Cockpit shows them, the rest leaves once resumed, every recipient exactly
 * once, and only starters may.
 */
@ApplicationTest
class DeliveryPauseTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	@Autowired
	TestClock clock;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void shouldHoldEachLaneAtItsNextBatchAndRelayTheRestOnceResumed() throws Exception {
		String id = sending(20);
		String instanceId = this.flow.processInstanceId(id);
		// Each lane's first batch: recipients are dealt to the slots in runs of 256
		// member
		// ids, so 20 of them are in one lane's slots (3 relayed) or, across a run's end,
		// in both (up to 6).
		executeEach(instanceId, "Task_SendBatch");
		int relayed = smtp.getReceivedMessages().length;
		assertThat(relayed).isBetween(3, 6);
		OffsetDateTime validUntil = OffsetDateTime.parse(view(id).get("validUntil").asText());

		assertThat(this.flow.as("approver").post("/api/deliveries/" + id + "/pause", null).code()).isEqualTo(403);
		assertThat(this.flow.as("preparer").post("/api/deliveries/" + id + "/pause", null).code()).isEqualTo(403);
		Api.Response paused = this.flow.as("starter").post("/api/deliveries/" + id + "/pause", null);

		assertThat(paused.code()).as(paused.text()).isEqualTo(204);
		JsonNode view = view(id);
		assertThat(view.get("status").asText()).isEqualTo("PAUSED");
		assertThat(view.get("statusReason").asText()).startsWith("Paused by starter at ");
		executeEach(instanceId, "Task_SendBatch");
		assertThat(smtp.getReceivedMessages()).as("nothing more leaves").hasSize(relayed);
		assertThat(waitingLanes(instanceId)).as("the lanes left wait at Delivery resumed").isBetween(1L, 2L);
		// the lane looks at the status again now and then, and waits again
		this.flow.runJobs(id);
		executeEach(instanceId, "Event_PauseRecheck");
		executeEach(instanceId, "Task_SendBatch");
		assertThat(smtp.getReceivedMessages()).hasSize(relayed);
		assertThat(waitingLanes(instanceId)).isBetween(1L, 2L);
		assertThat(this.flow.as("starter").post("/api/deliveries/" + id + "/pause", null).code()).as("paused twice")
			.isEqualTo(409);

		this.clock.advance(Duration.ofHours(2));
		assertThat(this.flow.as("approver").post("/api/deliveries/" + id + "/resume", null).code()).isEqualTo(403);
		Api.Response resumed = this.flow.as("starter").post("/api/deliveries/" + id + "/resume", null);

		assertThat(resumed.code()).as(resumed.text()).isEqualTo(204);
		view = view(id);
		assertThat(view.get("status").asText()).isEqualTo("SENDING");
		assertThat(view.get("statusReason").asText()).startsWith("Resumed by starter at ");
		assertThat(OffsetDateTime.parse(view.get("validUntil").asText()))
			.as("the validity period stood still while paused")
			.isBetween(validUntil.plusHours(2), validUntil.plusHours(2).plusMinutes(1));
		assertThat(waitingLanes(instanceId)).isZero();
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("SENT");
		assertThat(recipients()).as("every recipient once").hasSize(20).doesNotHaveDuplicates();
		assertThat(view(id).get("kpis").get("sent").asInt()).isEqualTo(20);
		assertThat(this.flow.as("starter").post("/api/deliveries/" + id + "/resume", null).code())
			.as("not paused any more")
			.isEqualTo(409);
	}

	@Test
	void shouldHoldAScheduledDeliveryPastItsContactDateUntilItIsResumed() throws Exception {
		String id = scheduled();
		assertThat(this.flow.as("starter").post("/api/deliveries/" + id + "/pause", null).code()).isEqualTo(204);
		assertThat(this.flow.status(id)).isEqualTo("PAUSED");
		String instanceId = this.flow.processInstanceId(id);

		executeEach(instanceId, "TimerEvent_ContactDateReached");
		this.flow.runJobs(id);

		assertThat(this.flow.status(id)).as("the contact date came while paused").isEqualTo("PAUSED");
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(waitingLanes(instanceId)).isPositive();
		assertThat(this.flow.as("starter").post("/api/deliveries/" + id + "/resume", null).code()).isEqualTo(204);
		assertThat(this.flow.status(id)).isEqualTo("SENDING");
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("SENT");
		assertThat(recipients()).hasSize(3).doesNotHaveDuplicates();
	}

	@Test
	void shouldGoBackToScheduledWhenResumedBeforeItsContactDate() {
		String id = scheduled();
		this.flow.as("starter").post("/api/deliveries/" + id + "/pause", null);

		assertThat(this.flow.as("starter").post("/api/deliveries/" + id + "/resume", null).code()).isEqualTo(204);

		JsonNode view = view(id);
		assertThat(view.get("status").asText()).isEqualTo("SCHEDULED");
		assertThat(view.get("validUntil").isNull()).isTrue();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void shouldRefuseToPauseADeliveryThatIsNeitherSendingNorScheduled() {
		String awaiting = create(delivery());
		this.flow.runJobs(awaiting);
		Api.Response refused = this.flow.as("starter").post("/api/deliveries/" + awaiting + "/pause", null);
		assertThat(refused.code()).isEqualTo(409);
		assertThat(refused.json().get("detail").asText()).contains("AWAITING_CONFIRMATION");
		assertThat(this.flow.as("starter").post("/api/deliveries/" + awaiting + "/resume", null).code()).isEqualTo(409);
		assertThat(this.flow.status(awaiting)).isEqualTo("AWAITING_CONFIRMATION");

		String sent = this.flow.relay(delivery());
		assertThat(this.flow.as("starter").post("/api/deliveries/" + sent + "/pause", null).code()).isEqualTo(409);
		assertThat(this.flow.status(sent)).isEqualTo("SENT");
		assertThat(this.flow.as("starter").post("/api/deliveries/no-such-id/pause", null).code()).isEqualTo(404);
	}

	@Test
	void shouldCancelAPausedDeliveryWithNothingMoreRelayed() {
		String id = sending(20);
		String instanceId = this.flow.processInstanceId(id);
		executeEach(instanceId, "Task_SendBatch");
		int relayed = smtp.getReceivedMessages().length;
		this.flow.as("starter").post("/api/deliveries/" + id + "/pause", null);
		executeEach(instanceId, "Task_SendBatch");

		assertThat(this.flow.as("starter").post("/api/deliveries/" + id + "/cancel", null).code()).isEqualTo(204);

		assertThat(this.flow.status(id)).isEqualTo("CANCELLED");
		assertThat(this.runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
		assertThat(smtp.getReceivedMessages()).as("nothing more leaves").hasSize(relayed);
	}

	/** Confirmed and started: its lanes' first batches are due. */
	private String sending(int recipients) {
		String id = create(delivery().with("recipients", DeliveryRequests.recipients(recipients)));
		this.flow.runJobs(id);
		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		executeEach(this.flow.processInstanceId(id), "Task_StartSending");
		assertThat(this.flow.status(id)).isEqualTo("SENDING");
		return id;
	}

	private String scheduled() {
		OffsetDateTime contactDate = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0);
		String id = create(delivery().with("contactDate", contactDate.toString()));
		this.flow.runJobs(id);
		this.flow.as("starter").post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		assertThat(this.flow.status(id)).isEqualTo("SCHEDULED");
		return id;
	}

	private String create(DeliveryRequests request) {
		Api.Response created = this.flow.as("preparer")
			.post("/api/deliveries", request.with("approvalMode", "AUTOMATIC").body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		return created.json().get("id").asText();
	}

	private JsonNode view(String id) {
		return this.flow.as("preparer").get("/api/deliveries/" + id).json();
	}

	private long waitingLanes(String instanceId) {
		return this.runtimeService.createEventSubscriptionQuery()
			.processInstanceId(instanceId)
			.eventName("DeliveryResumed")
			.count();
	}

	private static List<String> recipients() throws MessagingException {
		List<String> to = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			to.addAll(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList());
		}
		return to;
	}

	private void executeEach(String instanceId, String activityId) {
		List<Job> jobs = this.managementService.createJobQuery()
			.processInstanceId(instanceId)
			.activityId(activityId)
			.list();
		assertThat(jobs).as("jobs at " + activityId).isNotEmpty();
		for (Job job : jobs) {
			this.managementService.executeJob(job.getId());
		}
	}

}
