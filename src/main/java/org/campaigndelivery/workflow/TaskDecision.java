package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;

import org.campaigndelivery.delivery.Decisions;

/**
 * The yes/no decision a user task is completed with, read by {@link Decisions}' rule. A
 * missing decision refuses the completion, so that no door can send or cancel a delivery
 * by omission.
 */
final class TaskDecision {

	private TaskDecision() {
	}

	static boolean require(DelegateTask task, String variable, String question) {
		Boolean decision = Decisions.yesOrNo(task.getVariable(variable));
		if (decision == null) {
			throw new BadUserRequestException("Completing task '" + task.getName() + "' needs the variable '" + variable
					+ "' (true or false): " + question);
		}
		task.getExecution().setVariable(variable, decision);
		return decision;
	}

}
