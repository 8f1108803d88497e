package org.campaigndelivery.workflow;

import java.time.ZoneOffset;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.recurring.PlannedOccurrence;
import org.campaigndelivery.recurring.RecurringService;

import org.springframework.stereotype.Component;

/**
 * Task_CreateOccurrence: stores the occurrence that is due and sets what the called
 * `delivery` process receives.
 */
@Component
class CreateOccurrenceDelegate implements JavaDelegate {

	private final RecurringService recurring;

	CreateOccurrenceDelegate(RecurringService recurring) {
		this.recurring = recurring;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Date due = (Date) execution.getVariable(DeliveryProcessIds.VAR_NEXT_RUN);
		PlannedOccurrence occurrence = this.recurring.createOccurrence(
				(String) execution.getVariable(DeliveryProcessIds.VAR_RECURRING_ID),
				due.toInstant().atOffset(ZoneOffset.UTC));
		execution.setVariable(DeliveryProcessIds.VAR_OCCURRENCE_ID, occurrence.deliveryId());
		execution.setVariable(DeliveryProcessIds.VAR_OCCURRENCE_DATE, occurrence.dueAt().toString());
		execution.setVariable(DeliveryProcessIds.VAR_CONFIRM_BY, Date.from(occurrence.confirmBy().toInstant()));
		execution.setVariable(DeliveryProcessIds.VAR_APPROVAL_MODE, occurrence.approvalMode().name());
		execution.setVariable(DeliveryProcessIds.VAR_RETRY_PERIOD, occurrence.retryPeriod().toString());
		execution.setVariable(DeliveryProcessIds.VAR_SEND_CONFIRMATION, occurrence.confirmBeforeSend()
				? DeliveryProcessIds.CONFIRMATION_EACH_OCCURRENCE : DeliveryProcessIds.CONFIRMATION_STANDING);
	}

}
