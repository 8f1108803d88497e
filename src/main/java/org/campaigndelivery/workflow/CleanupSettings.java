package org.campaigndelivery.workflow;

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
		this.cycle = TimerCycles.requireReadable("delivery.retention.cycle", retention.cycle(),
				"a cron expression such as 0 30 3 * * ? or an ISO-8601 repeating interval such as R/P1D");
	}

	public String getCycle() {
		return this.cycle;
	}

}
