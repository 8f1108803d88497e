package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;

/** The timer cycles the models read from the configuration, checked at start. */
final class TimerCycles {

	private TimerCycles() {
	}

	/**
	 * Reads the cycle as the engine reads the timer: a cycle it cannot read would fail
	 * the models' deployment, or each tick of a timer already deployed.
	 * @param readable what the property takes, for the message
	 */
	static String requireReadable(String property, String cycle, String readable) {
		try {
			new CycleBusinessCalendar().resolveDuedate(cycle);
			return cycle;
		}
		catch (ProcessEngineException ex) {
			throw new IllegalArgumentException(property + " must be " + readable + ": " + ex.getMessage(), ex);
		}
	}

}
