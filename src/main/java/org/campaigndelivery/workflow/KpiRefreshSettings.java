package org.campaigndelivery.workflow;

import org.springframework.stereotype.Component;

/**
 * The cycle of the kpiRefresh timer, ${kpiRefreshSettings.cycle} in the model
 * ({@link KpiRefreshProperties}). The engine reads it again at every tick, so a changed
 * setting applies from the next one.
 */
@Component
public class KpiRefreshSettings {

	private final String cycle;

	KpiRefreshSettings(KpiRefreshProperties properties) {
		this.cycle = properties.refreshCycle();
	}

	public String getCycle() {
		return this.cycle;
	}

}
