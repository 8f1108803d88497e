package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.sending.SendingService;

import org.springframework.stereotype.Component;

/**
 * Task_CompleteRelay: every lane is drained; the delivery is SENT while its validity
 * period runs.
 */
@Component
class CompleteRelayDelegate implements JavaDelegate {

	private final SendingService sending;

	CompleteRelayDelegate(SendingService sending) {
		this.sending = sending;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.sending.completeRelay((String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID));
	}

}
