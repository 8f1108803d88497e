package org.campaigndelivery.sending;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.RefusingSmtpServer;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * What the MTA says during the relay itself: refused recipients, and no answer at all.
 */
@ApplicationTest
class MtaRefusalTests {

	private static final int SMTP_PORT = 3025;

	private final String unknown = "unknown-" + UUID.randomUUID() + "@example.com";

	private final String full = "full-" + UUID.randomUUID() + "@example.com";

	private final String fine = "fine-" + UUID.randomUUID() + "@example.com";

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	ManagementService managementService;

	RefusingSmtpServer mta;

	@Autowired
	DeliveryFlow flow;

	@BeforeEach
	void setUp() throws Exception {
		this.mta = new RefusingSmtpServer(SMTP_PORT);
	}

	@AfterEach
	void stop() throws Exception {
		if (this.mta != null) {
			this.mta.close();
		}
	}

	@Test
	void shouldTreatRecipientsRefusedAtRelayAsReportedBounces() {
		this.mta.refuse(this.unknown, "550 5.1.1 <" + this.unknown + ">: Recipient address rejected: User unknown");
		this.mta.refuse(this.full, "452 4.2.2 Mailbox full");

		String id = this.flow.relay(recipients());

		assertThat(this.mta.accepted()).containsExactly(this.fine);
		this.flow.assertLog(id, this.unknown, "FAILED", "HARD", "USER_UNKNOWN");
		this.flow.assertLog(id, this.full, "SENT", "SOFT", "MAILBOX_FULL");
		this.flow.assertLog(id, this.fine, "SENT", null, null);
		assertThat(this.flow.rates(id)).containsExactly(66.67, 33.33);

		this.mta.acceptAgain(this.full);
		this.flow.retryWave(id);

		assertThat(this.mta.accepted()).containsExactlyInAnyOrder(this.fine, this.full);
		assertThat(this.flow.log(id, this.full).get("attempts").asInt()).isEqualTo(2);
		this.flow.endValidity(id);
		this.flow.assertLog(id, this.full, "SENT", "SOFT", "MAILBOX_FULL");
		assertThat(this.flow.rates(id)).containsExactly(66.67, 33.33);
	}

	@Test
	void shouldKeepMessagesQueuedThroughAnMtaOutageUntilTheIncidentIsResolved() throws Exception {
		this.mta.close();
		this.mta = null;
		Api preparer = this.flow.as("preparer");
		String id = preparer.post("/api/deliveries", recipients().with("approvalMode", "AUTOMATIC").body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);
		preparer.as("starter").post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		String instance = this.flow.processInstanceId(id);
		this.managementService.executeJob(job(instance, "Task_StartSending").getId());

		// The first failure starts the retry cycle (PT5S,PT20S,PT1M,PT5M); the test
		// then spends the
		// last retry at once. Three recipients share one run of slots, so one lane has
		// them all and the other has nothing to relay.
		List<Job> lanes = lanes(instance);
		assertThat(lanes).hasSize(2);
		Job busy = null;
		for (Job lane : lanes) {
			try {
				this.managementService.executeJob(lane.getId());
			}
			catch (MtaUnavailableException ex) {
				busy = lane;
			}
		}
		assertThat(busy).as("the lane with the messages fails").isNotNull();
		String busyId = busy.getId();
		assertThat(this.managementService.createJobQuery().jobId(busyId).singleResult().getRetries()).isEqualTo(4);
		this.managementService.setJobRetries(busyId, 1);
		assertThatThrownBy(() -> this.managementService.executeJob(busyId)).isInstanceOf(MtaUnavailableException.class);

		List<Incident> incidents = this.runtimeService.createIncidentQuery().processInstanceId(instance).list();
		assertThat(incidents).isNotEmpty().allMatch(i -> i.getActivityId().equals("Task_SendBatch"));
		assertThat(this.flow.log(id, this.fine).get("attempts").asInt()).isZero();
		assertThat(this.flow.status(id)).isEqualTo("SENDING");

		this.mta = new RefusingSmtpServer(SMTP_PORT);
		// As an operator does in Cockpit: more retries for the failed jobs, which then
		// run again.
		for (Job lane : lanes(instance)) {
			this.managementService.setJobRetries(lane.getId(), 3);
			this.managementService.executeJob(lane.getId());
		}
		this.flow.runJobs(id);

		assertThat(this.runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
		assertThat(this.mta.accepted()).containsExactlyInAnyOrder(this.unknown, this.full, this.fine);
		assertThat(this.flow.status(id)).isEqualTo("SENT");
	}

	private org.campaigndelivery.support.DeliveryRequests recipients() {
		return delivery().with("recipients",
				List.of(Map.of("email", this.unknown), Map.of("email", this.full), Map.of("email", this.fine)));
	}

	private Job job(String instance, String activityId) {
		return this.managementService.createJobQuery()
			.processInstanceId(instance)
			.activityId(activityId)
			.singleResult();
	}

	private List<Job> lanes(String instance) {
		return this.managementService.createJobQuery().processInstanceId(instance).activityId("Task_SendBatch").list();
	}

}
