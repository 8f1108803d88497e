package org.campaigndelivery.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshCycle when the open and click rates are recounted: an ISO-8601 repeating
 * interval (R/PT1H) or a cron expression
 */
@ConfigurationProperties("delivery.kpi")
record KpiRefreshProperties(@DefaultValue("R/PT1H") String refreshCycle) {

	KpiRefreshProperties {
		TimerCycles.requireReadable("delivery.kpi.refresh-cycle", refreshCycle,
				"an ISO-8601 repeating interval such as R/PT1H or a cron expression such as 0 0 * * * ?");
	}

}
