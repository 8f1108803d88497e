package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.retry.RetryService;

import org.springframework.stereotype.Component;

/** Task_StartRetryWave: queues every soft-bounced message for the retry lanes. */
@Component
class StartRetryWaveDelegate implements JavaDelegate {

	private final RetryService retry;

	StartRetryWaveDelegate(RetryService retry) {
		this.retry = retry;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.retry.startWave((String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID));
	}

}
