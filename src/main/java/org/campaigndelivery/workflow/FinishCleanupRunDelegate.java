package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.retention.CleanupService;

import org.springframework.stereotype.Component;

/** Task_FinishCleanupRun: the run is over; the next one may begin. */
@Component
class FinishCleanupRunDelegate implements JavaDelegate {

	private final CleanupService cleanup;

	FinishCleanupRunDelegate(CleanupService cleanup) {
		this.cleanup = cleanup;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.cleanup.finish((String) execution.getVariable(DeliveryProcessIds.VAR_CLEANUP_RUN_ID));
	}

}
