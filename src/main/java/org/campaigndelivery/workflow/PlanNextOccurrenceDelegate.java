package org.campaigndelivery.workflow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import org.campaigndelivery.recurring.RecurringService;

import org.springframework.stereotype.Component;

/**
 * Task_PlanNextOccurrence: when the next occurrence is due (the timer's date), or null
 * once the schedule is over.
 */
@Component
class PlanNextOccurrenceDelegate implements JavaDelegate {

	private final RecurringService recurring;

	PlanNextOccurrenceDelegate(RecurringService recurring) {
		this.recurring = recurring;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Date previous = (Date) execution.getVariable(DeliveryProcessIds.VAR_NEXT_RUN);
		Date next = this.recurring
			.planNext((String) execution.getVariable(DeliveryProcessIds.VAR_RECURRING_ID),
					previous == null ? null : previous.toInstant().atOffset(ZoneOffset.UTC))
			.map(OffsetDateTime::toInstant)
			.map(Date::from)
			.orElse(null);
		execution.setVariable(DeliveryProcessIds.VAR_NEXT_RUN, next);
	}

}
