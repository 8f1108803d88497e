package org.campaigndelivery.delivery;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.RefusingSmtpServer;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * The reputation guard at a real SMTP server: a delivery whose MTA refuses too many
 * unknown users, or whose recipients report it as spam, pauses itself once it has sent
 * its minimum sample, before much more leaves; resumed by a starter, it relays the rest
 * once and is left alone. Paused by the guard, it waits for a starter's review in
 * Tasklist, who resumes or cancels it.
 */
@ApplicationTest
class DeliveryGuardTests {

	/**
	 * Lanes and batch size of the test profile: what may leave after the figures go over.
	 */
	private static final int IN_FLIGHT = 2 * 3;

	@Autowired
	DeliveryFlow flow;

	@Autowired
	RuntimeService runtimeService;

	RefusingSmtpServer mta;

	@BeforeEach
	void startMta() throws Exception {
		this.mta = new RefusingSmtpServer(3025);
	}

	@AfterEach
	void stopMta() throws Exception {
		this.mta.close();
	}

	@Test
	void shouldPauseItselfWhenTheMtaRefusesTooManyUnknownUsersAndRelayTheRestOnceResumed() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(300);
		int refused = 0;
		for (int i = 1; i <= recipients.size(); i++) {
			if (i % 10 < 3) {
				String address = DeliveryRequests.email(recipients, i);
				this.mta.refuse(address, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
				refused++;
			}
		}
		String id = sending(delivery().with("recipients", recipients)
			.with("guard", Map.of("minimumSample", 30, "maxHardBounceRate", 10)));

		this.flow.runJobs(id);

		JsonNode view = view(id);
		assertThat(view.get("status").asText()).isEqualTo("PAUSED");
		assertThat(view.get("statusReason").asText()).startsWith("Paused by the reputation guard at ")
			.contains("hard bounces ")
			.contains("are over the limit of 10 %");
		int sent = view.get("kpis").get("sent").asInt();
		assertThat(sent).as("the minimum sample and one batch a lane at most").isBetween(30, 30 + IN_FLIGHT);
		assertThat(view.get("kpis").get("hardBounceRate").asDouble()).isGreaterThan(10);
		int hardBounces = view.get("kpis").get("hardBounces").asInt();
		JsonNode alerts = this.flow.as("starter").get("/api/alerts?deliveryId=" + id).json();
		assertThat(alerts.findValuesAsText("kind")).containsExactly("AUTO_PAUSED");
		assertThat(alerts.get(0).get("message").asText()).isEqualTo(view.get("statusReason").asText());

		assertThat(reviewTasks(id, "approver")).as("the review is the starters' alone").isEmpty();
		assertThat(reviewTasks(id, "preparer")).isEmpty();
		JsonNode tasks = reviewTasks(id, "starter");
		assertThat(tasks).hasSize(1);
		String task = tasks.get(0).get("id").asText();
		JsonNode form = this.flow.as("starter").get("/engine-rest/task/" + task + "/form-variables").json();
		assertThat(form.get("pauseReason").get("value").asText()).isEqualTo(view.get("statusReason").asText());
		assertThat(form.get("sent").get("value").asInt()).isEqualTo(sent);
		assertThat(form.get("hardBounces").get("value").asInt()).isEqualTo(hardBounces);
		assertThat(form.get("hardBounceRate").get("value").asText()).endsWith(" %");
		assertThat(form.get("failureReasons").get("value").asText()).isEqualTo("User unknown (hard): " + hardBounces);
		assertThat(this.flow.as("approver").post("/api/deliveries/" + id + "/resume", null).code()).isEqualTo(403);
		assertThat(decide(task, "approver", true)).as("an approver deciding the review").isEqualTo(403);
		assertThat(this.flow.status(id)).isEqualTo("PAUSED");

		assertThat(decide(task, "starter", true)).isEqualTo(204);
		assertThat(this.flow.status(id)).isEqualTo("SENDING");
		assertThat(view(id).get("statusReason").asText()).startsWith("Resumed by starter at ");
		this.flow.runJobs(id);

		assertThat(this.flow.status(id)).as("resumed by a starter, the guard leaves it alone").isEqualTo("SENT");
		List<String> accepted = this.mta.accepted();
		assertThat(accepted).as("each accepted recipient once").hasSize(300 - refused);
		assertThat(new HashSet<>(accepted)).hasSize(300 - refused);
		JsonNode kpis = view(id).get("kpis");
		assertThat(kpis.get("sent").asInt()).isEqualTo(300);
		assertThat(kpis.get("hardBounces").asInt()).isEqualTo(refused);
		this.flow.rates(id);
	}

	@Test
	void shouldPauseItselfWhenTheComplaintRateGoesOverItsLimit() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(200);
		String id = sending(delivery().with("recipients", recipients)
			.with("guard", Map.of("minimumSample", 30, "maxComplaintRate", 5)));
		String instanceId = this.flow.processInstanceId(id);
		this.flow.runOneJob(instanceId, "Task_StartSending");
		// the lanes relay until the minimum sample is sent, then 3 of those are reported
		while (view(id).get("kpis").get("sent").asInt() < 30) {
			this.flow.runOneJob(instanceId, "Task_SendBatch");
		}
		JsonNode relayed = this.flow.as("preparer").get("/api/deliveries/" + id + "/logs?status=SENT&size=3").json();
		assertThat(relayed).hasSize(3);
		for (JsonNode log : relayed) {
			Api.Response posted = this.flow.as("mta")
				.post("/api/mta/events",
						List.of(Map.of("messageId", log.get("messageId").asText(), "type", "COMPLAINT")));
			assertThat(posted.code()).as(posted.text()).isEqualTo(202);
		}

		this.flow.runJobs(id);

		JsonNode view = view(id);
		assertThat(view.get("status").asText()).isEqualTo("PAUSED");
		assertThat(view.get("statusReason").asText()).contains("complaints 3 of ")
			.contains("are over the limit of 5 %");
		assertThat(view.get("kpis").get("sent").asInt()).isLessThanOrEqualTo(30 + 2 * IN_FLIGHT);
		assertThat(view.get("kpis").get("complaints").asInt()).isEqualTo(3);
		JsonNode form = this.flow.as("starter")
			.get("/engine-rest/task/" + reviewTasks(id, "starter").get(0).get("id").asText() + "/form-variables")
			.json();
		assertThat(form.get("complaints").get("value").asInt()).isEqualTo(3);

		Api.Response resumed = this.flow.as("starter").post("/api/deliveries/" + id + "/resume", null);
		assertThat(resumed.code()).as(resumed.text()).isEqualTo(204);

		assertThat(reviewTasks(id, "starter")).as("a resume through /api closes the review").isEmpty();
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("SENT");
		assertThat(this.mta.accepted()).hasSize(200).doesNotHaveDuplicates();
	}

	@Test
	void shouldEndTheDeliveryWhenItsReviewCancelsIt() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(200);
		for (int i = 1; i <= 100; i++) {
			String address = DeliveryRequests.email(recipients, i);
			this.mta.refuse(address, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
		}
		String id = sending(delivery().with("recipients", recipients)
			.with("guard", Map.of("minimumSample", 30, "maxHardBounceRate", 10)));
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("PAUSED");
		int relayed = this.mta.accepted().size();
		String task = reviewTasks(id, "starter").get(0).get("id").asText();

		assertThat(decide(task, "starter", false)).isEqualTo(204);

		JsonNode view = view(id);
		assertThat(view.get("status").asText()).isEqualTo("CANCELLED");
		assertThat(view.get("statusReason").asText()).isEqualTo("Cancelled by starter.");
		assertThat(this.runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count())
			.as("the lanes end with the review")
			.isZero();
		assertThat(this.mta.accepted()).as("nothing more leaves").hasSize(relayed);
		assertThat(this.flow.as("starter").post("/api/deliveries/" + id + "/resume", null).code()).isEqualTo(409);
	}

	private JsonNode reviewTasks(String deliveryId, String user) {
		Api.Response tasks = this.flow.as(user)
			.get("/engine-rest/task?processInstanceBusinessKey=" + deliveryId + "&taskDefinitionKey="
					+ "Task_ReviewPausedDelivery");
		assertThat(tasks.code()).as(tasks.text()).isEqualTo(200);
		return tasks.json();
	}

	private int decide(String taskId, String user, boolean resume) {
		return this.flow.as(user)
			.post("/engine-rest/task/" + taskId + "/complete",
					Map.of("variables", Map.of("resumeDelivery", Map.of("value", resume, "type", "Boolean"))))
			.code();
	}

	@Test
	void shouldRefuseLimitsOutOfRangeNamingEachAndCreateNothing() {
		int before = this.flow.as("preparer").get("/api/deliveries?size=100").json().size();

		Api.Response refused = this.flow.as("preparer")
			.post("/api/deliveries",
					delivery()
						.with("guard", Map.of("minimumSample", 0, "maxHardBounceRate", 150, "maxComplaintRate", -1))
						.body());

		assertThat(refused.code()).isEqualTo(400);
		assertThat(refused.json().get("errors").findValuesAsText("field"))
			.containsExactlyInAnyOrder("guard.minimumSample", "guard.maxHardBounceRate", "guard.maxComplaintRate");
		assertThat(this.flow.as("preparer").get("/api/deliveries?size=100").json().size()).isEqualTo(before);
	}

	private String sending(DeliveryRequests request) {
		Api.Response created = this.flow.as("preparer")
			.post("/api/deliveries", request.with("approvalMode", "AUTOMATIC").body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		this.flow.runJobs(id);
		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		return id;
	}

	private JsonNode view(String id) {
		return this.flow.as("preparer").get("/api/deliveries/" + id).json();
	}

}
