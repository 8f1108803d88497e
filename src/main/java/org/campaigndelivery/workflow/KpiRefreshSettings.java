package org.campaigndelivery.workflow;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cycle of the kpiRefresh timer, ${kpiRefreshSettings.cycle} in the model: an
 * ISO-8601 repeating interval (R/PT1H) or a cron expression. The engine reads it again at
 * every tick, so a changed setting applies from the next one.
 */
@Component
public class KpiRefreshSettings {

	private final String cycle;

	KpiRefreshSettings(@Value("${delivery.kpi.refresh-cycle:R/PT1H}") String cycle) {
		this.cycle = cycle;
	}

	public String getCycle() {
		return this.cycle;
	}

}
