package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshCycle when the open and click rates are recounted: an ISO-8601 repeating
 * interval (R/PT1H) or a cron expression
 */
@ConfigurationProperties("delivery.kpi")
record KpiRefreshProperties(@DefaultValue("R/PT1H") String refreshCycle) {

	KpiRefreshProperties {
		// read as the engine reads the timer: a cycle it cannot read would fail the
		// models' deployment, or each tick of a timer already deployed
		try {
			new CycleBusinessCalendar().resolveDuedate(refreshCycle);
		}
		catch (ProcessEngineException ex) {
			throw new IllegalArgumentException("delivery.kpi.refresh-cycle must be an ISO-8601 repeating interval "
					+ "such as R/PT1H or a cron expression such as 0 0 * * * ?: " + ex.getMessage(), ex);
		}
	}

}
