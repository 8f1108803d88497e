package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import org.campaigndelivery.recurring.RecurringService;

import org.springframework.stereotype.Component;

/**
 * Keeps a recurring delivery's status in step with its process, e.g.
 * ${recurringStatusListener.ended(execution)}.
 */
@Component
public class RecurringStatusListener {

	private final RecurringService recurring;

	RecurringStatusListener(RecurringService recurring) {
		this.recurring = recurring;
	}

	/**
	 * The process runs the schedule of a stored recurring delivery only: started any
	 * other way (a bare start over /engine-rest), it is refused and leaves no instance.
	 */
	public void requireRecurringDelivery(DelegateExecution execution) {
		Object id = execution.getVariable(DeliveryProcessIds.VAR_RECURRING_ID);
		if (!(id instanceof String recurringId) || !this.recurring.awaitsItsSchedule(recurringId)
				|| !recurringId.equals(execution.getProcessBusinessKey())) {
			throw new BadUserRequestException("A recurring delivery is set up with POST /api/recurring-deliveries; "
					+ "the process '" + DeliveryProcessIds.PROCESS_RECURRING_DELIVERY
					+ "' runs the schedule of one set up that way, once (variable '"
					+ DeliveryProcessIds.VAR_RECURRING_ID + "' and business key = its id).");
		}
	}

	public void ended(DelegateExecution execution) {
		this.recurring.markEnded(recurringId(execution));
	}

	/** A RecurringDeliveryCancelled message arrived: only a starter may cancel. */
	public void cancelled(DelegateExecution execution) {
		String userId = Starters.require(execution.getProcessEngineServices(), "cancel a recurring delivery");
		String id = recurringId(execution);
		if (!this.recurring.markCancelled(id, userId)) {
			throw new BadUserRequestException("Recurring delivery '" + id + "' is " + this.recurring.get(id).status()
					+ "; only an active one can be cancelled.");
		}
	}

	private static String recurringId(DelegateExecution execution) {
		return (String) execution.getVariable(DeliveryProcessIds.VAR_RECURRING_ID);
	}

}
