package org.campaigndelivery.workflow;

import java.time.OffsetDateTime;
import java.util.Date;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import org.campaigndelivery.alert.AlertKind;
import org.campaigndelivery.alert.Alerts;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.DeliveryStatus;

import org.springframework.stereotype.Component;

/**
 * Keeps the delivery's status in step with the process, and is the only thing that sets
 * it: the BPMN calls one method as an execution listener where the delivery enters a new
 * status, e.g. ${deliveryStatusListener.rejected(execution)}. The methods are the models'
 * names for the steps, kept for every deployed version of them; which status may follow
 * which is {@link DeliveryStatus}'s table alone.
 */
@Component
public class DeliveryStatusListener {

	private final DeliveryService deliveries;

	private final Alerts alerts;

	DeliveryStatusListener(DeliveryService deliveries, Alerts alerts) {
		this.deliveries = deliveries;
		this.alerts = alerts;
	}

	/**
	 * The process runs the lifecycle of a delivery created through /api (or an occurrence
	 * of a recurring delivery), once: started any other way, such as a bare start over
	 * /engine-rest, it is refused with 400 and leaves no instance.
	 */
	public void requireDelivery(DelegateExecution execution) {
		Object id = execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID);
		boolean startable = id instanceof String deliveryId && deliveryId.equals(execution.getProcessBusinessKey())
				&& this.deliveries.awaitsItsProcess(deliveryId)
				&& execution.getProcessEngineServices()
					.getRuntimeService()
					.createProcessInstanceQuery()
					.processDefinitionKey(DeliveryProcessIds.PROCESS_DELIVERY)
					.processInstanceBusinessKey(deliveryId)
					.count() == 0;
		if (!startable) {
			throw new BadUserRequestException("A delivery is created with POST /api/deliveries, which validates it "
					+ "and starts its process; the process '" + DeliveryProcessIds.PROCESS_DELIVERY
					+ "' runs the lifecycle of a delivery created that way, once (variable '"
					+ DeliveryProcessIds.VAR_DELIVERY_ID + "' and business key = its id).");
		}
	}

	public void awaitingApproval(DelegateExecution execution) {
		this.deliveries.enter(deliveryId(execution), DeliveryStatus.AWAITING_APPROVAL);
	}

	public void awaitingConfirmation(DelegateExecution execution) {
		this.deliveries.enter(deliveryId(execution), DeliveryStatus.AWAITING_CONFIRMATION);
	}

	public void scheduled(DelegateExecution execution) {
		this.deliveries.enter(deliveryId(execution), DeliveryStatus.SCHEDULED);
	}

	/** The validity period starts with the send. */
	public void sending(DelegateExecution execution) {
		this.deliveries.markSending(deliveryId(execution));
	}

	/**
	 * The validity period's timers read its end from the delivery: a pause moved it on by
	 * the time the delivery stood still.
	 */
	public void sent(DelegateExecution execution) {
		String id = deliveryId(execution);
		this.deliveries.enter(id, DeliveryStatus.SENT);
		OffsetDateTime validUntil = this.deliveries.get(id).validUntil();
		if (validUntil != null) {
			execution.setVariable(DeliveryProcessIds.VAR_VALID_UNTIL, Date.from(validUntil.toInstant()));
		}
	}

	public void rejected(DelegateExecution execution) {
		this.deliveries.enter(deliveryId(execution), DeliveryStatus.REJECTED);
	}

	public void notConfirmed(DelegateExecution execution) {
		this.deliveries.enter(deliveryId(execution), DeliveryStatus.CANCELLED);
	}

	/** Nobody confirmed the occurrence before the next one was due. */
	public void skipped(DelegateExecution execution) {
		Date confirmBy = (Date) execution.getVariable(DeliveryProcessIds.VAR_CONFIRM_BY);
		this.deliveries.enter(deliveryId(execution), DeliveryStatus.SKIPPED,
				"Not confirmed before the next occurrence was due at " + confirmBy.toInstant() + "; nothing was sent.");
	}

	/**
	 * A DeliveryCancelled message arrived: only a starter may cancel, and only a delivery
	 * not relayed in full; otherwise the message is refused and nothing changes.
	 */
	public void cancelled(DelegateExecution execution) {
		String userId = Starters.require(execution.getProcessEngineServices(), "cancel a delivery");
		String id = deliveryId(execution);
		if (!this.deliveries.leftToRelay(id)) {
			throw new BadUserRequestException(this.deliveries.nothingToStop(id));
		}
		if (!this.deliveries.enter(id, DeliveryStatus.CANCELLED, "Cancelled by " + userId + ".")) {
			throw new BadUserRequestException("Delivery '" + id + "' is " + this.deliveries.get(id).status()
					+ "; only a delivery not relayed in full yet can be cancelled.");
		}
	}

	/** Compute final KPIs ran before: the figures are final. */
	public void finished(DelegateExecution execution) {
		if (this.deliveries.enter(deliveryId(execution), DeliveryStatus.FINISHED)) {
			this.alerts.validityEnded(deliveryId(execution));
		}
	}

	/** The delivery says why it failed, as its alert does, for whoever opens it. */
	public void preparationFailed(DelegateExecution execution) {
		Object errors = execution.getVariable(DeliveryProcessIds.VAR_ERRORS);
		if (this.deliveries.enter(deliveryId(execution), DeliveryStatus.FAILED,
				"The preparation found errors, nothing was sent: " + String.valueOf(errors).replace('\n', ' '))) {
			this.alerts.raise(deliveryId(execution), AlertKind.FAILED,
					"preparation found errors, nothing was sent: " + errors);
		}
	}

	private static String deliveryId(DelegateExecution execution) {
		return (String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID);
	}

}
