package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.preparation.ExclusionReason;
import org.campaigndelivery.preparation.Finding;
import org.campaigndelivery.preparation.PreparationReport;
import org.campaigndelivery.preparation.PreparationService;

import org.springframework.stereotype.Component;

/**
 * Task_PrepareDelivery: targets, excludes, runs the control rules; the summary is what
 * the forms show.
 */
@Component
class PrepareDeliveryDelegate implements JavaDelegate {

	private final PreparationService preparation;

	PrepareDeliveryDelegate(PreparationService preparation) {
		this.preparation = preparation;
	}

	@Override
	public void execute(DelegateExecution execution) {
		PreparationReport report = this.preparation
			.prepare((String) execution.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID));
		execution.setVariable(DeliveryProcessIds.VAR_LABEL, report.label());
		execution.setVariable(DeliveryProcessIds.VAR_SUBJECT, report.subject());
		execution.setVariable(DeliveryProcessIds.VAR_TARGETED, report.targeted());
		execution.setVariable(DeliveryProcessIds.VAR_EXCLUDED, report.excluded());
		execution.setVariable(DeliveryProcessIds.VAR_EXCLUDED_FATIGUE, report.excluded(ExclusionReason.FATIGUE));
		execution.setVariable(DeliveryProcessIds.VAR_TO_DELIVER, report.toDeliver());
		execution.setVariable(DeliveryProcessIds.VAR_HAS_ERRORS, report.hasErrors());
		execution.setVariable(DeliveryProcessIds.VAR_HAS_WARNINGS, report.hasWarnings());
		execution.setVariable(DeliveryProcessIds.VAR_ERRORS, report.describe(Finding.Severity.ERROR));
		execution.setVariable(DeliveryProcessIds.VAR_WARNINGS, report.describe(Finding.Severity.WARNING));
		execution.setVariable(DeliveryProcessIds.VAR_NOTICES, report.describe(Finding.Severity.NOTICE));
	}

}
