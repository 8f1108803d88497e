package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;

import org.campaigndelivery.engine.MissingModels;
import org.campaigndelivery.recurring.RecurringDelivery;
import org.campaigndelivery.recurring.RecurringProcess;

import org.springframework.stereotype.Component;

/**
 * Runs each recurring delivery's schedule as one instance of the BPMN process
 * `recurringDelivery`, the recurring delivery's id as business key.
 */
@Component
class CamundaRecurringProcess implements RecurringProcess {

	private final MissingModels models;

	private final RuntimeService runtimeService;

	private final Correlations correlations;

	CamundaRecurringProcess(RuntimeService runtimeService, Correlations correlations, MissingModels models) {
		this.models = models;
		this.runtimeService = runtimeService;
		this.correlations = correlations;
	}

	@Override
	public void start(RecurringDelivery recurring) {
		this.models.ensureDeployed(DeliveryProcessIds.PROCESS_RECURRING_DELIVERY);
		this.runtimeService.startProcessInstanceByKey(DeliveryProcessIds.PROCESS_RECURRING_DELIVERY, recurring.id(),
				Variables.createVariables().putValue(DeliveryProcessIds.VAR_RECURRING_ID, recurring.id()));
	}

	@Override
	public boolean cancel(String recurringId) {
		return this.correlations.correlate(DeliveryProcessIds.MESSAGE_RECURRING_DELIVERY_CANCELLED, recurringId);
	}

}
