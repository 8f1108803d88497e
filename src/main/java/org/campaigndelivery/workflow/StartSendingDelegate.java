package org.campaigndelivery.workflow;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.sending.SendingService;

import org.springframework.stereotype.Component;

/**
 * Task_StartSending: fixes the number of lanes and the end of the validity period, which
 * started as the delivery became SENDING.
 */
@Component
class StartSendingDelegate implements JavaDelegate {

	private final SendingService sending;

	StartSendingDelegate(SendingService sending) {
		this.sending = sending;
	}

	@Override
	public void execute(DelegateExecution execution) {
		SendingService.SendingStart start = this.sending
			.startSending((String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID));
		execution.setVariable(DeliveryProcessIds.VAR_SENDING_LANES, start.lanes());
		execution.setVariable(DeliveryProcessIds.VAR_VALID_UNTIL, Date.from(start.validUntil().toInstant()));
	}

}
