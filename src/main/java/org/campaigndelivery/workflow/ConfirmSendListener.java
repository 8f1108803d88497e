package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.security.Roles;

import org.springframework.stereotype.Component;

/**
 * Completion of Task_ConfirmSend. Only a member of delivery-starters ("Start deliveries")
 * may confirm, whichever door the completion comes through (Tasklist, /engine-rest, /api,
 * Java) and whatever task permissions an administrator granted; a completion without an
 * authenticated user is refused too.
 */
@Component
class ConfirmSendListener implements TaskListener {

	private final DeliveryService deliveries;

	ConfirmSendListener(DeliveryService deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public void notify(DelegateTask task) {
		Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(Roles.STARTERS)) {
			throw new AuthorizationException("Only members of '" + Roles.STARTERS + "' may confirm the send of a "
					+ "delivery; "
					+ (user == null ? "no user is authenticated" : "'" + user.getUserId() + "' is not one") + ".");
		}
		TaskDecision.require(task, DeliveryProcessIds.VAR_CONFIRMED, "send the delivery?");
		this.deliveries.recordConfirmationDecision((String) task.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID),
				user.getUserId());
	}

}
