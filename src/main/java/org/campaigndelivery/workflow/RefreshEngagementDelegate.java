package org.campaigndelivery.workflow;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.kpi.KpiService;

import org.springframework.stereotype.Component;

/**
 * Task_RefreshEngagement: the open and click figures of every delivery still in its
 * validity period or finished in the last 30 days.
 */
@Component
class RefreshEngagementDelegate implements JavaDelegate {

	private final DeliveryService deliveries;

	private final KpiService kpis;

	private final Clock clock;

	RefreshEngagementDelegate(DeliveryService deliveries, KpiService kpis, Clock clock) {
		this.clock = clock;
		this.deliveries = deliveries;
		this.kpis = kpis;
	}

	@Override
	public void execute(DelegateExecution execution) {
		OffsetDateTime since = OffsetDateTime.now(this.clock).minus(DeliveryService.ENGAGEMENT_COUNTED_FOR);
		for (String id : this.deliveries.engagementStillMoving(since)) {
			this.kpis.refreshEngagement(id);
		}
	}

}
