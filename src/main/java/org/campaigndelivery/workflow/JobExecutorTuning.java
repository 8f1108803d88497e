package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.CallerRunsRejectedJobsHandler;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;

import org.springframework.stereotype.Component;

/**
 * A saturated job executor runs a job it cannot queue in its acquisition thread, instead
 * of keeping it locked to resubmit later: a node then holds no more sending lanes than it
 * can run, and the other nodes of the cluster take the rest.
 */
@Component
class JobExecutorTuning extends AbstractCamundaConfiguration {

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getJobExecutor() != null) {
			configuration.getJobExecutor().setRejectedJobsHandler(new CallerRunsRejectedJobsHandler());
		}
	}

}
