package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.sending.SendingService;

import org.springframework.stereotype.Component;

/** Task_SendBatch: one lane relays its next batch; the lane loops until it is drained. */
@Component
class SendBatchDelegate implements JavaDelegate {

	private final SendingService sending;

	SendBatchDelegate(SendingService sending) {
		this.sending = sending;
	}

	@Override
	public void execute(DelegateExecution execution) {
		boolean drained = this.sending.sendBatch((String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID),
				(Integer) execution.getVariable(DeliveryProcessIds.VAR_LANE),
				(Integer) execution.getVariable(DeliveryProcessIds.VAR_SENDING_LANES));
		execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_DRAINED, drained);
	}

}
