package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.retry.RetryService;

import org.springframework.stereotype.Component;

/**
 * Task_ExpireSoftBounces: the validity period is over; what still waits on a retry is
 * Failed.
 */
@Component
class ExpireSoftBouncesDelegate implements JavaDelegate {

	private final RetryService retry;

	ExpireSoftBouncesDelegate(RetryService retry) {
		this.retry = retry;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.retry.expire((String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID));
	}

}
