package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import org.campaigndelivery.delivery.DeliveryService;

import org.springframework.stereotype.Component;

/**
 * Keeps the delivery's status in step with the process, and is the only thing that sets
 * it: the BPMN calls one method as an execution listener where the delivery enters a new
 * status, e.g. ${deliveryStatusListener.rejected(execution)}.
 */
@Component
public class DeliveryStatusListener {

	private final DeliveryService deliveries;

	DeliveryStatusListener(DeliveryService deliveries) {
		this.deliveries = deliveries;
	}

	public void awaitingApproval(DelegateExecution execution) {
		this.deliveries.markAwaitingApproval(deliveryId(execution));
	}

	public void awaitingConfirmation(DelegateExecution execution) {
		this.deliveries.markAwaitingConfirmation(deliveryId(execution));
	}

	public void scheduled(DelegateExecution execution) {
		this.deliveries.markScheduled(deliveryId(execution));
	}

	/** The validity period starts with the send. */
	public void sending(DelegateExecution execution) {
		this.deliveries.markSending(deliveryId(execution));
	}

	public void sent(DelegateExecution execution) {
		this.deliveries.markSent(deliveryId(execution));
	}

	public void rejected(DelegateExecution execution) {
		this.deliveries.markRejected(deliveryId(execution));
	}

	public void notConfirmed(DelegateExecution execution) {
		this.deliveries.markCancelled(deliveryId(execution));
	}

	public void finished(DelegateExecution execution) {
		this.deliveries.markFinished(deliveryId(execution));
	}

	public void preparationFailed(DelegateExecution execution) {
		this.deliveries.markPreparationFailed(deliveryId(execution));
	}

	private static String deliveryId(DelegateExecution execution) {
		return (String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID);
	}

}
