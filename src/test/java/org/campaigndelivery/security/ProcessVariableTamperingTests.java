package org.campaigndelivery.security;

import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Whoever may work on a user task may complete or resolve it with any variables, and
 * those would land in the process instance. None of that may steer the process: a request
 * that would change anything but the task's own decisions is refused, whichever door it
 * comes through, and nothing is sent; the other doors to a task's variables are closed to
 * those who work on it.
 */
@ApplicationTest
class ProcessVariableTamperingTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Autowired
	TaskService taskService;

	@Test
	void anApproverCannotSkipTheStartersConfirmationThroughTheApprovalsVariables() {
		String id = prepared("MANUAL");
		String approval = this.flow.taskId(id, "Task_ApproveDelivery");

		Api.Response tampered = this.flow.as("approver")
			.post("/engine-rest/task/" + approval + "/submit-form",
					Map.of("variables", Map.of("approved", bool(true), "sendConfirmation", string("STANDING"))));

		assertThat(tampered.code()).as(tampered.text()).isEqualTo(400);
		assertThat(tampered.text()).contains("sendConfirmation").contains("may set approved and approvalComment only");
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("AWAITING_APPROVAL");
		assertThat(smtp.getReceivedMessages()).isEmpty();

		assertThat(
				this.flow.as("approver").post("/api/deliveries/" + id + "/approval", Map.of("approved", true)).code())
			.isEqualTo(204);
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("AWAITING_CONFIRMATION");
		assertThat(this.flow.taskId(id, "Task_ConfirmSend")).isNotNull();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void noOtherDoorSetsATasksVariablesForThoseWhoWorkOnIt() {
		String approval = this.flow.taskId(prepared("MANUAL"), "Task_ApproveDelivery");
		String confirmation = this.flow.taskId(prepared("AUTOMATIC"), "Task_ConfirmSend");

		assertThat(this.flow.as("approver")
			.put("/engine-rest/task/" + approval + "/variables/sendConfirmation", string("STANDING"))
			.code()).isEqualTo(403);
		assertThat(this.flow.as("starter")
			.post("/engine-rest/task/" + confirmation + "/variables",
					Map.of("modifications", Map.of("deliveryId", string("another"))))
			.code()).isEqualTo(403);
	}

	@Test
	void resolvingThrowingAnErrorOrEscalatingAtATaskSetsNothingAndEndsNothing() {
		String id = prepared("MANUAL");
		String approval = this.flow.taskId(id, "Task_ApproveDelivery");
		Map<String, Object> variables = Map.of("sendConfirmation", string("STANDING"));

		Api.Response resolved = this.flow.as("approver")
			.post("/engine-rest/task/" + approval + "/resolve", Map.of("variables", variables));
		Api.Response error = this.flow.as("approver")
			.post("/engine-rest/task/" + approval + "/bpmnError", Map.of("errorCode", "x", "variables", variables));
		Api.Response escalation = this.flow.as("approver")
			.post("/engine-rest/task/" + approval + "/bpmnEscalation",
					Map.of("escalationCode", "x", "variables", variables));

		assertThat(resolved.code()).as(resolved.text()).isEqualTo(400);
		assertThat(resolved.text()).contains("not sendConfirmation");
		assertThat(error.code()).as(error.text()).isEqualTo(400);
		assertThat(escalation.code()).as(escalation.text()).isEqualTo(400);
		assertThat(this.taskService.createTaskQuery().taskId(approval).count()).isOne();
		assertThat(this.flow.as("demo")
			.get("/engine-rest/process-instance/" + this.flow.processInstanceId(id) + "/variables/sendConfirmation")
			.json()
			.get("value")
			.asText()).isEqualTo("ONE_OFF");

		assertThat(
				this.flow.as("approver").post("/api/deliveries/" + id + "/approval", Map.of("approved", true)).code())
			.isEqualTo(204);
		Api.Response gone = this.flow.as("approver")
			.post("/engine-rest/task/" + approval + "/localVariables",
					Map.of("modifications", Map.of("note", string("late"))));
		assertThat(gone.code()).as("a completed task: " + gone.text()).isEqualTo(404);
	}

	@Test
	void aVariableInJavasSerializationFormatIsABadRequestAtEveryTaskDoor() {
		String approval = this.flow.taskId(prepared("MANUAL"), "Task_ApproveDelivery");
		Map<String, Object> serialized = Map.of("value", "rO0ABXQAAXg=", "type", "Object", "valueInfo",
				Map.of("objectTypeName", "java.lang.String", "serializationDataFormat",
						"application/x-java-serialized-object"));

		for (String door : new String[] { "complete", "submit-form", "resolve" }) {
			Api.Response response = this.flow.as("approver")
				.post("/engine-rest/task/" + approval + "/" + door,
						Map.of("variables", Map.of("approved", serialized)));
			assertThat(response.code()).as(door + ": " + response.text()).isEqualTo(400);
			assertThat(response.text()).contains("Java serialization format is prohibited");
		}
		assertThat(this.taskService.createTaskQuery().taskId(approval).count()).isOne();
	}

	@Test
	void anAdministratorsCorrectionDoesNotBlockTheTasksCompletion() {
		String id = prepared("MANUAL");
		String instance = this.flow.processInstanceId(id);

		assertThat(this.flow.as("demo")
			.put("/engine-rest/process-instance/" + instance + "/variables/retryPeriod", string("PT2H"))
			.code()).isEqualTo(204);

		assertThat(
				this.flow.as("approver").post("/api/deliveries/" + id + "/approval", Map.of("approved", true)).code())
			.isEqualTo(204);
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("AWAITING_CONFIRMATION");
	}

	@Test
	void aStarterCannotConfirmOneDeliveryUnderAnothersId() {
		String unapproved = prepared("MANUAL");
		String id = prepared("AUTOMATIC");
		String confirmation = this.flow.taskId(id, "Task_ConfirmSend");

		Api.Response tampered = this.flow.as("starter")
			.post("/engine-rest/task/" + confirmation + "/complete",
					Map.of("variables", Map.of("confirmed", bool(true), "deliveryId", string(unapproved))));

		assertThat(tampered.code()).as(tampered.text()).isEqualTo(400);
		assertThat(tampered.text()).contains("may set confirmed only, not deliveryId");
		this.flow.runJobs(id);
		this.flow.runJobs(unapproved);
		assertThat(this.flow.status(id)).isEqualTo("AWAITING_CONFIRMATION");
		assertThat(this.flow.status(unapproved)).isEqualTo("AWAITING_APPROVAL");
		assertThat(smtp.getReceivedMessages()).isEmpty();

		Api.Response confirmed = this.flow.as("starter")
			.post("/engine-rest/task/" + confirmation + "/complete",
					Map.of("variables", Map.of("confirmed", bool(true))));
		assertThat(confirmed.code()).as(confirmed.text()).isEqualTo(204);
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("SENT");
		assertThat(smtp.getReceivedMessages()).hasSize(3);
		assertThat(this.flow.status(unapproved)).isEqualTo("AWAITING_APPROVAL");
	}

	private String prepared(String approvalMode) {
		Api.Response created = this.flow.as("preparer")
			.post("/api/deliveries", delivery().with("approvalMode", approvalMode).body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		this.flow.runJobs(id);
		return id;
	}

	private static Map<String, Object> bool(boolean value) {
		return Map.of("value", value, "type", "Boolean");
	}

	private static Map<String, Object> string(String value) {
		return Map.of("value", value, "type", "String");
	}

}
