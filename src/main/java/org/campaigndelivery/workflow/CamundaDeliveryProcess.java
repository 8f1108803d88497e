package org.campaigndelivery.workflow;

import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;

import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.delivery.DeliveryProcess;
import org.campaigndelivery.delivery.ProcessState;
import org.campaigndelivery.engine.EngineRetries;
import org.campaigndelivery.engine.MissingModels;

import org.springframework.stereotype.Component;

/**
 * Runs the delivery lifecycle as the BPMN process `delivery`, the delivery id as business
 * key.
 */
@Component
class CamundaDeliveryProcess implements DeliveryProcess {

	private final MissingModels models;

	private final RuntimeService runtimeService;

	private final TaskService taskService;

	private final Correlations correlations;

	/** Where the engine's webapps (Cockpit, Tasklist) are served. */
	private final String webappPath;

	CamundaDeliveryProcess(RuntimeService runtimeService, TaskService taskService, Correlations correlations,
			MissingModels models, CamundaBpmProperties properties) {
		this.models = models;
		this.runtimeService = runtimeService;
		this.taskService = taskService;
		this.correlations = correlations;
		this.webappPath = properties.getWebapp().getApplicationPath();
	}

	@Override
	public void start(Delivery delivery) {
		this.models.ensureDeployed(DeliveryProcessIds.PROCESS_DELIVERY);
		this.runtimeService.startProcessInstanceByKey(DeliveryProcessIds.PROCESS_DELIVERY, delivery.id(),
				Variables.createVariables()
					.putValue(DeliveryProcessIds.VAR_DELIVERY_ID, delivery.id())
					.putValue(DeliveryProcessIds.VAR_APPROVAL_MODE, delivery.approvalMode().name())
					.putValue(DeliveryProcessIds.VAR_RETRY_PERIOD, delivery.retryPeriod().toString())
					.putValue(DeliveryProcessIds.VAR_SEND_CONFIRMATION, DeliveryProcessIds.CONFIRMATION_ONE_OFF)
					.putValue(DeliveryProcessIds.VAR_CONTACT_DATE,
							delivery.contactDate() == null ? null : Date.from(delivery.contactDate().toInstant())));
	}

	@Override
	public boolean decideApproval(String deliveryId, boolean approved, String comment) {
		return complete(deliveryId,
				Variables.createVariables()
					.putValue(DeliveryProcessIds.VAR_APPROVED, approved)
					.putValue(DeliveryProcessIds.VAR_APPROVAL_COMMENT, comment),
				DeliveryProcessIds.TASK_APPROVE_DELIVERY);
	}

	@Override
	public boolean decideConfirmation(String deliveryId, boolean confirmed) {
		return complete(deliveryId, Variables.createVariables().putValue(DeliveryProcessIds.VAR_CONFIRMED, confirmed),
				DeliveryProcessIds.TASK_CONFIRM_SEND, DeliveryProcessIds.TASK_CONFIRM_RECURRING_SEND);
	}

	@Override
	public boolean cancel(String deliveryId) {
		return this.correlations.correlate(DeliveryProcessIds.MESSAGE_DELIVERY_CANCELLED, deliveryId);
	}

	@Override
	public void resume(String deliveryId) {
		this.correlations.correlateAll(DeliveryProcessIds.MESSAGE_DELIVERY_RESUMED, deliveryId);
	}

	@Override
	public Optional<ProcessState> state(String deliveryId) {
		ProcessInstance instance = this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(DeliveryProcessIds.PROCESS_DELIVERY)
			.processInstanceBusinessKey(deliveryId)
			.singleResult();
		if (instance == null) {
			return Optional.empty();
		}
		Task task = this.taskService.createTaskQuery()
			.processInstanceId(instance.getId())
			.list()
			.stream()
			.findFirst()
			.orElse(null);
		String cockpitUrl = this.webappPath + "/app/cockpit/default/#/process-instance/" + instance.getId()
				+ "/runtime";
		if (task == null) {
			return Optional.of(new ProcessState(instance.getId(), cockpitUrl, null, null, null, null));
		}
		return Optional.of(new ProcessState(instance.getId(), cockpitUrl, task.getId(), task.getName(),
				task.getTaskDefinitionKey(), this.webappPath + "/app/tasklist/default/#/?task=" + task.getId()));
	}

	/**
	 * Completes the delivery's pending task of one of the kinds; tried again when a job
	 * changed the same process tree meanwhile (an occurrence's schedule creating the next
	 * one).
	 */
	private boolean complete(String deliveryId, Map<String, Object> variables, String... taskKeys) {
		return EngineRetries.retried(() -> {
			Task task = this.taskService.createTaskQuery()
				.processDefinitionKey(DeliveryProcessIds.PROCESS_DELIVERY)
				.processInstanceBusinessKey(deliveryId)
				.taskDefinitionKeyIn(taskKeys)
				.singleResult();
			if (task == null) {
				return false;
			}
			this.taskService.complete(task.getId(), variables);
			return true;
		});
	}

}
