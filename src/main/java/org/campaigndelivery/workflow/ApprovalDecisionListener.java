package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.campaigndelivery.delivery.Decisions;
import org.campaigndelivery.delivery.DeliveryService;

import org.springframework.stereotype.Component;

/**
 * Completion of Task_ApproveDelivery: a decision is required, a rejection needs a
 * comment; both are recorded.
 */
@Component
class ApprovalDecisionListener implements TaskListener {

	private final DeliveryService deliveries;

	ApprovalDecisionListener(DeliveryService deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public void notify(DelegateTask task) {
		DecisionsOnly.require(task);
		boolean approved = TaskDecision.require(task, DeliveryProcessIds.VAR_APPROVED, "approve the delivery?");
		Object comment = task.getVariable(DeliveryProcessIds.VAR_APPROVAL_COMMENT);
		String problem = Decisions.commentProblem(approved, (comment == null) ? null : comment.toString());
		if (problem != null) {
			throw new BadUserRequestException(
					"The variable '" + DeliveryProcessIds.VAR_APPROVAL_COMMENT + "' " + problem + ".");
		}
		Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		this.deliveries.recordApprovalDecision((String) task.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID),
				user == null ? task.getAssignee() : user.getUserId(), comment == null ? null : comment.toString());
	}

}
