package org.campaigndelivery.workflow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * One job of a lane relays batch after batch for delivery.sending.lane-job-time, each
 * recorded before the next; a cancellation stops it before its next batch.
 */
@ApplicationTest
@TestPropertySource(properties = { "delivery.sending.lane-job-time=20s", "delivery.sending.rate-limit=10",
		"camunda.bpm.generate-unique-process-engine-name=true" })
class LaneJobTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Autowired
	ManagementService managementService;

	@Test
	void shouldRelayEveryBatchOfALaneInOneJob() {
		String id = sending(12);

		for (Job job : jobs(id)) {
			this.managementService.executeJob(job.getId());
		}

		assertThat(smtp.getReceivedMessages()).as("4 batches of 3 in the lanes' first jobs").hasSize(12);
		assertThat(jobs(id)).as("no lane left at Send batch").isEmpty();
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("SENT");
		assertThat(this.flow.as("preparer").get("/api/deliveries/" + id).json().get("kpis").get("sent").asInt())
			.isEqualTo(12);
	}

	@Test
	void shouldStopAJobOfACancelledDeliveryBeforeItsNextBatch() throws Exception {
		// 10 messages a second: a batch of 3 takes 0.3 s, the 30 recipients 3 s.
		String id = sending(30);
		List<Job> lanes = jobs(id);
		List<CompletableFuture<Void>> running = lanes.stream()
			.map((job) -> CompletableFuture.runAsync(() -> this.managementService.executeJob(job.getId())))
			.toList();
		await().atMost(10, TimeUnit.SECONDS).until(() -> smtp.getReceivedMessages().length >= 6);

		Api.Response cancelled = this.flow.as("starter").post("/api/deliveries/" + id + "/cancel", null);
		int atCancel = smtp.getReceivedMessages().length;

		assertThat(cancelled.code()).as(cancelled.text()).isEqualTo(204);
		for (CompletableFuture<Void> job : running) {
			// the job of a lane the cancellation removed cannot complete: the engine
			// refuses its commit
			job.handle((done, failure) -> null).get(20, TimeUnit.SECONDS);
		}
		int relayed = smtp.getReceivedMessages().length;
		assertThat(relayed).as("at most the batch each lane had begun")
			.isBetween(atCancel, atCancel + 3 * lanes.size());
		assertThat(relayed).isLessThan(30);
		assertThat(this.flow.status(id)).isEqualTo("CANCELLED");
		assertThat(this.flow.as("preparer").get("/api/deliveries/" + id).json().get("kpis").get("sent").asInt())
			.as("every message relayed was recorded")
			.isEqualTo(relayed);
	}

	private String sending(int recipients) {
		String id = this.flow.as("preparer")
			.post("/api/deliveries",
					delivery().with("recipients", DeliveryRequests.recipients(recipients))
						.with("approvalMode", "AUTOMATIC")
						.body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);
		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		this.flow.runOneJob(this.flow.processInstanceId(id), DeliveryProcessIds.TASK_START_SENDING);
		assertThat(this.flow.status(id)).isEqualTo("SENDING");
		assertThat(jobs(id)).as("the lanes' first jobs").isNotEmpty();
		return id;
	}

	private List<Job> jobs(String id) {
		return this.managementService.createJobQuery()
			.processInstanceId(this.flow.processInstanceId(id))
			.activityId(DeliveryProcessIds.TASK_SEND_BATCH)
			.list();
	}

}
