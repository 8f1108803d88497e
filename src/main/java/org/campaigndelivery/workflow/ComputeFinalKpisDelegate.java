package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.kpi.KpiService;

import org.springframework.stereotype.Component;

/** Task_ComputeFinalKpis: the final figures, recounted from the sending logs. */
@Component
class ComputeFinalKpisDelegate implements JavaDelegate {

	private final KpiService kpis;

	ComputeFinalKpisDelegate(KpiService kpis) {
		this.kpis = kpis;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.kpis.computeStats((String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID));
	}

}
