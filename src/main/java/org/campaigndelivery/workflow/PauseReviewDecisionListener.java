package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.springframework.stereotype.Component;

/**
 * Completion of Task_ReviewPausedDelivery: only a starter may decide whether a paused
 * delivery goes on ({@link Starters}), and only with a decision; the model then resumes
 * or cancels it with the starter still authenticated.
 */
@Component
class PauseReviewDecisionListener implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		Starters.require(task.getProcessEngineServices(), "decide on a paused delivery");
		DecisionsOnly.require(task);
		TaskDecision.require(task, DeliveryProcessIds.VAR_RESUME, "resume the delivery (or cancel it)?");
	}

}
