package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.campaigndelivery.delivery.DeliveryService;

import org.springframework.stereotype.Component;

/**
 * Completion of Task_ConfirmSend and Task_ConfirmRecurringSend: only a starter may
 * confirm ({@link Starters}), and only with a decision.
 */
@Component
class ConfirmSendListener implements TaskListener {

	private final DeliveryService deliveries;

	ConfirmSendListener(DeliveryService deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public void notify(DelegateTask task) {
		String userId = Starters.require(task.getProcessEngineServices(), "confirm the send of a delivery");
		DecisionsOnly.require(task);
		TaskDecision.require(task, DeliveryProcessIds.VAR_CONFIRMED, "send the delivery?");
		this.deliveries.recordConfirmationDecision((String) task.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID),
				userId);
	}

}
