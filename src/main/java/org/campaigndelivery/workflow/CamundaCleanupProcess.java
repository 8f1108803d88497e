package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.RuntimeService;

import org.campaigndelivery.engine.MissingModels;
import org.campaigndelivery.retention.CleanupProcess;

import org.springframework.stereotype.Component;

/** Runs each cleanup run as one instance of the BPMN process `dataCleanup`. */
@Component
class CamundaCleanupProcess implements CleanupProcess {

	private final RuntimeService runtimeService;

	private final MissingModels models;

	CamundaCleanupProcess(RuntimeService runtimeService, MissingModels models) {
		this.runtimeService = runtimeService;
		this.models = models;
	}

	@Override
	public void start(String runId, String startedBy) {
		this.models.ensureDeployed(DeliveryProcessIds.PROCESS_DATA_CLEANUP);
		this.runtimeService.createMessageCorrelation(DeliveryProcessIds.MESSAGE_CLEANUP_ASKED)
			.processInstanceBusinessKey(runId)
			.setVariable(DeliveryProcessIds.VAR_CLEANUP_RUN_ID, runId)
			.setVariable(DeliveryProcessIds.VAR_CLEANUP_STARTED_BY, startedBy)
			.correlateStartMessage();
	}

}
