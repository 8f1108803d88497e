package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.LaneHold;
import org.campaigndelivery.sending.SendingService;

import org.springframework.stereotype.Component;

/**
 * Task_SendBatch (and Task_RetryBatch): one lane relays its next batch; the lane loops
 * until it is drained. A lane of a paused delivery (or of one the reputation guard pauses
 * now) relays nothing and waits for the resume, where its model has that wait (versions
 * deployed before it had none, and would only loop); the lane whose batch the guard held
 * asks a starter to review the delivery.
 */
@Component
class SendBatchDelegate implements JavaDelegate {

	private final SendingService sending;

	private final DeliveryService deliveries;

	SendBatchDelegate(SendingService sending, DeliveryService deliveries) {
		this.sending = sending;
		this.deliveries = deliveries;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String deliveryId = (String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID);
		boolean pausable = DeliveryProcessIds.TASK_SEND_BATCH.equals(execution.getCurrentActivityId())
				&& execution.getBpmnModelInstance()
					.getModelElementById(DeliveryProcessIds.GATEWAY_AWAIT_RESUME) != null;
		LaneHold hold = pausable ? this.deliveries.holdsItsLanes(deliveryId) : LaneHold.RELAY;
		if (hold != LaneHold.RELAY) {
			execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_DRAINED, false);
			execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_PAUSED, true);
			execution.setVariableLocal(DeliveryProcessIds.VAR_REVIEW_ASKED, hold == LaneHold.WAIT_FOR_REVIEW);
			return;
		}
		boolean drained = this.sending.sendBatch(deliveryId,
				(Integer) execution.getVariable(DeliveryProcessIds.VAR_LANE),
				(Integer) execution.getVariable(DeliveryProcessIds.VAR_SENDING_LANES));
		execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_DRAINED, drained);
		execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_PAUSED, false);
		execution.setVariableLocal(DeliveryProcessIds.VAR_REVIEW_ASKED, false);
	}

}
