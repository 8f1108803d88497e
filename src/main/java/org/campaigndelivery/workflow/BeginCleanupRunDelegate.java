package org.campaigndelivery.workflow;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.retention.CleanupService;

import org.springframework.stereotype.Component;

/**
 * Task_BeginCleanupRun: begins the run, or says another one is under way. A run the timer
 * started gets its id here.
 */
@Component
class BeginCleanupRunDelegate implements JavaDelegate {

	private final CleanupService cleanup;

	BeginCleanupRunDelegate(CleanupService cleanup) {
		this.cleanup = cleanup;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String runId = (String) execution.getVariable(DeliveryProcessIds.VAR_CLEANUP_RUN_ID);
		if (runId == null) {
			runId = UUID.randomUUID().toString();
			execution.setVariable(DeliveryProcessIds.VAR_CLEANUP_RUN_ID, runId);
		}
		String startedBy = (String) execution.getVariable(DeliveryProcessIds.VAR_CLEANUP_STARTED_BY);
		execution.setVariable(DeliveryProcessIds.VAR_CLEANUP_RUN_BEGUN,
				this.cleanup.begin(runId, (startedBy != null) ? startedBy : CleanupService.SCHEDULE));
	}

}
