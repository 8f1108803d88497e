package org.campaigndelivery.engine;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.CallerRunsRejectedJobsHandler;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;

import org.springframework.stereotype.Component;

/**
 * A saturated job executor runs a job it cannot queue in its acquisition thread, instead
 * of keeping it locked to resubmit later: a node then holds no more sending lanes than it
 * can run, and the other nodes of the cluster take the rest. Jobs are locked under the
 * node's stable name (the engine's default is a new random one at every start), so that
 * {@link StaleJobLocks} can free what a killed node left locked.
 */
@Component
class JobExecutorTuning extends AbstractCamundaConfiguration {

	private final NodeIdentity node;

	JobExecutorTuning(NodeIdentity node) {
		this.node = node;
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getJobExecutor() != null) {
			configuration.getJobExecutor().setRejectedJobsHandler(new CallerRunsRejectedJobsHandler());
			configuration.getJobExecutor().setLockOwner(this.node.lockOwner());
		}
	}

}
