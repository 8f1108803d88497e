package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.DeliveryStatus;
import org.campaigndelivery.delivery.LaneHold;
import org.campaigndelivery.sending.SendingService;

import org.springframework.stereotype.Component;

/**
 * Task_SendBatch (and Task_RetryBatch): one lane relays its next batches, one after the
 * other for up to delivery.sending.lane-job-time; the lane loops until it is drained. A
 * lane of a paused delivery (or of one the reputation guard pauses now, before any of its
 * batches) relays nothing more and waits for the resume, where its model has that wait
 * (versions deployed before it had none, and would only loop); the lane whose batch the
 * guard held asks a starter to review the delivery.
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
		int lane = (Integer) execution.getVariable(DeliveryProcessIds.VAR_LANE);
		int lanes = (Integer) execution.getVariable(DeliveryProcessIds.VAR_SENDING_LANES);
		boolean pausable = DeliveryProcessIds.TASK_SEND_BATCH.equals(execution.getCurrentActivityId())
				&& execution.getBpmnModelInstance()
					.getModelElementById(DeliveryProcessIds.GATEWAY_AWAIT_RESUME) != null;
		long until = System.nanoTime() + this.sending.laneJobTime().toNanos();
		DeliveryStatus status = this.deliveries.get(deliveryId).status();
		boolean drained;
		do {
			LaneHold hold = pausable ? this.deliveries.holdsItsLanes(deliveryId) : LaneHold.RELAY;
			if (hold != LaneHold.RELAY) {
				execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_DRAINED, false);
				execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_PAUSED, true);
				execution.setVariableLocal(DeliveryProcessIds.VAR_REVIEW_ASKED, hold == LaneHold.WAIT_FOR_REVIEW);
				return;
			}
			drained = this.sending.sendBatch(deliveryId, lane, lanes);
		}
		// A cancelled delivery or one whose validity ended relays nothing more: the
		// engine removes the lane, and this job's batches would go on until it ends.
		while (!drained && System.nanoTime() - until < 0 && this.deliveries.get(deliveryId).status() == status);
		execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_DRAINED, drained);
		execution.setVariableLocal(DeliveryProcessIds.VAR_LANE_PAUSED, false);
		execution.setVariableLocal(DeliveryProcessIds.VAR_REVIEW_ASKED, false);
	}

}
