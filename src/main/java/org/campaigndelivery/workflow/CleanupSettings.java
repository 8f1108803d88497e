package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;

import org.campaigndelivery.retention.RetentionProperties;

import org.springframework.stereotype.Component;

/**
 * The cycle of the dataCleanup timer, ${cleanupSettings.cycle} in the model
 * (delivery.retention.cycle). Read from the properties, not from the cleanup service: the
 * engine evaluates it while it starts, before the services that need the engine exist.
 */
@Component
public class CleanupSettings {

	private final String cycle;

	CleanupSettings(RetentionProperties retention) {
		// read as the engine reads the timer: a cycle it cannot read would fail the
		// models' deployment
		try {
			new CycleBusinessCalendar().resolveDuedate(retention.cycle());
		}
		catch (ProcessEngineException ex) {
			throw new IllegalArgumentException("delivery.retention.cycle must be a cron expression such as "
					+ "0 30 3 * * ? or an ISO-8601 repeating interval such as R/P1D: " + ex.getMessage(), ex);
		}
		this.cycle = retention.cycle();
	}

	public String getCycle() {
		return this.cycle;
	}

}
