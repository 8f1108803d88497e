package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Reads a yes/no decision a user task was completed with: a boolean from /api or
 * /engine-rest, or the string "true"/"false" a Camunda Form's radio group submits. A
 * missing decision refuses the completion, so that no door can send or cancel a delivery
 * by omission.
 */
final class Decisions {

	private Decisions() {
	}

	static boolean require(DelegateTask task, String variable, String question) {
		Object value = task.getVariable(variable);
		Boolean decision = value instanceof Boolean b ? b
				: "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
		if (decision == null) {
			throw new BadUserRequestException("Completing task '" + task.getName() + "' needs the variable '" + variable
					+ "' (true or false): " + question);
		}
		task.getExecution().setVariable(variable, decision);
		return decision;
	}

}
