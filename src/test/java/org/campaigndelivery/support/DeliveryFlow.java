package org.campaigndelivery.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takes deliveries through their lifecycle over HTTP the way the roles do, and drives the
 * process's jobs and timers in place of the job executor.
 */
public final class DeliveryFlow {

	private final Api api;

	private final RuntimeService runtimeService;

	private final TaskService taskService;

	private final Jobs jobs;

	public DeliveryFlow(Api api, RuntimeService runtimeService, TaskService taskService, Jobs jobs) {
		this.api = api;
		this.runtimeService = runtimeService;
		this.taskService = taskService;
		this.jobs = jobs;
	}

	/**
	 * Creates the delivery (approval AUTOMATIC), confirms it as starter and relays it;
	 * returns its id.
	 */
	public String relay(DeliveryRequests request) {
		Api.Response created = this.api.as("preparer")
			.post("/api/deliveries", request.with("approvalMode", "AUTOMATIC").body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		runJobs(id);
		assertThat(this.api.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		runJobs(id);
		return id;
	}

	/** The API as another user. */
	public Api as(String user) {
		return this.api.as(user);
	}

	public void runJobs(String deliveryId) {
		this.jobs.runDue(processInstanceId(deliveryId));
	}

	/** Runs one due job of the delivery's process at the activity. */
	public void runOneJob(String processInstanceId, String activityId) {
		this.jobs.runOne(processInstanceId, activityId);
	}

	/** The retry period elapses: a retry wave relays every soft-bounced message again. */
	public void retryWave(String deliveryId) {
		this.jobs.fire(processInstanceId(deliveryId), "TimerEvent_RetryPeriodElapsed");
	}

	/** The validity period ends. */
	public void endValidity(String deliveryId) {
		this.jobs.fire(processInstanceId(deliveryId), "BoundaryEvent_ValidityExpired");
	}

	public JsonNode log(String deliveryId, String recipient) {
		for (JsonNode log : this.api.as("preparer").get("/api/deliveries/" + deliveryId + "/logs").json()) {
			if (log.get("recipient").asText().equals(recipient)) {
				return log;
			}
		}
		throw new AssertionError("No sending log for " + recipient);
	}

	/**
	 * Checks a recipient's sending log: its status, failure type and failure reason (null
	 * for none).
	 */
	public void assertLog(String deliveryId, String recipient, String status, String failureType,
			String failureReason) {
		JsonNode log = log(deliveryId, recipient);
		assertThat(log.get("status").asText()).as("status of " + recipient).isEqualTo(status);
		assertThat(log.get("failureType").asText(null)).as("failure type of " + recipient).isEqualTo(failureType);
		assertThat(log.get("failureReason").asText(null)).as("failure reason of " + recipient).isEqualTo(failureReason);
	}

	/** Posts one event as the MTA; smtpStatus may be null. */
	public JsonNode event(String deliveryId, String recipient, String type, String smtpStatus) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("messageId", log(deliveryId, recipient).get("messageId").asText());
		event.put("type", type);
		if (smtpStatus != null) {
			event.put("smtpStatus", smtpStatus);
		}
		Api.Response response = this.api.as("mta").post("/api/mta/events", List.of(event));
		assertThat(response.code()).as(response.text()).isEqualTo(202);
		return response.json();
	}

	/**
	 * deliveredRate and bouncesAndErrorsRate, after checking the counters agree with
	 * Compute stats.
	 */
	public double[] rates(String deliveryId) {
		JsonNode kpis = this.api.as("preparer").get("/api/deliveries/" + deliveryId).json().get("kpis");
		JsonNode recount = this.api.as("preparer")
			.post("/api/deliveries/" + deliveryId + "/compute-stats", null)
			.json();
		for (String counter : List.of("toDeliver", "sent", "delivered", "bouncesAndErrors", "hardBounces",
				"complaints")) {
			assertThat(recount.get(counter).asInt()).as("Compute stats recounts " + counter)
				.isEqualTo(kpis.get(counter).asInt());
		}
		return new double[] { kpis.get("deliveredRate").asDouble(), kpis.get("bouncesAndErrorsRate").asDouble() };
	}

	public String status(String deliveryId) {
		return this.api.as("preparer").get("/api/deliveries/" + deliveryId).json().get("status").asText();
	}

	public String processInstanceId(String deliveryId) {
		return this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(deliveryId)
			.singleResult()
			.getId();
	}

	/** The id of the delivery's open user task of this kind. */
	public String taskId(String deliveryId, String taskKey) {
		return this.taskService.createTaskQuery()
			.processInstanceBusinessKey(deliveryId)
			.taskDefinitionKey(taskKey)
			.singleResult()
			.getId();
	}

}
