package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.retention.CleanupService;

import org.springframework.stereotype.Component;

/** Task_PurgeBatch: one batch, in the job's transaction. */
@Component
class PurgeBatchDelegate implements JavaDelegate {

	private final CleanupService cleanup;

	PurgeBatchDelegate(CleanupService cleanup) {
		this.cleanup = cleanup;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(DeliveryProcessIds.VAR_PURGED_ANYTHING,
				this.cleanup.purgeBatch((String) execution.getVariable(DeliveryProcessIds.VAR_CLEANUP_RUN_ID)));
	}

}
