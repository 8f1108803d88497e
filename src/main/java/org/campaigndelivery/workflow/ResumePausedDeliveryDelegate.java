package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.delivery.DeliveryService;

import org.springframework.stereotype.Component;

/**
 * Task_ResumePausedDelivery: the starter who reviewed the paused delivery resumes it, as
 * a resume through /api would; the lanes take their next batch.
 */
@Component
class ResumePausedDeliveryDelegate implements JavaDelegate {

	private final DeliveryService deliveries;

	ResumePausedDeliveryDelegate(DeliveryService deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String userId = Starters.require(execution.getProcessEngineServices(), "resume a delivery");
		this.deliveries.resume((String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID), userId);
	}

}
