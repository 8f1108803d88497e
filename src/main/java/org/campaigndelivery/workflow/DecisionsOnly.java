package org.campaigndelivery.workflow;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

import org.springframework.stereotype.Component;

/**
 * Working on a user task sets its decisions and nothing else. Whoever may work on a task
 * may pass any variables when completing or resolving it, through every door (Tasklist,
 * /engine-rest, the Java API), and they land in the process instance, where they steer
 * what follows: an approver could otherwise approve with sendConfirmation = STANDING and
 * send without any starter's confirmation, or a starter confirm one delivery under
 * another's id. The variables the command created or changed are read from the engine's
 * cache of what it will write, so that an administrator's correction made earlier in
 * Cockpit is not mistaken for one. Every other door to a task's variables needs
 * permissions only administrators have. Listens to a task's updates (a resolve carries
 * variables); the completion listeners call {@link #require} first.
 */
@Component("decisionsOnly")
class DecisionsOnly implements TaskListener {

	/** What each user task decides: the only variables working on it may set. */
	private static final Map<String, List<String>> DECISIONS = Map.of(DeliveryProcessIds.TASK_APPROVE_DELIVERY,
			List.of(DeliveryProcessIds.VAR_APPROVED, DeliveryProcessIds.VAR_APPROVAL_COMMENT),
			DeliveryProcessIds.TASK_CONFIRM_SEND, List.of(DeliveryProcessIds.VAR_CONFIRMED),
			DeliveryProcessIds.TASK_CONFIRM_RECURRING_SEND, List.of(DeliveryProcessIds.VAR_CONFIRMED),
			DeliveryProcessIds.TASK_REVIEW_PAUSED_DELIVERY, List.of(DeliveryProcessIds.VAR_RESUME));

	@Override
	public void notify(DelegateTask task) {
		require(task);
	}

	/**
	 * Refuses the command if it sets a process variable that is not the task's decision.
	 */
	static void require(DelegateTask task) {
		List<String> decisions = DECISIONS.getOrDefault(task.getTaskDefinitionKey(), List.of());
		Set<String> changed = new TreeSet<>();
		for (CachedDbEntity entry : Context.getCommandContext()
			.getDbEntityManager()
			.getDbEntityCache()
			.getCachedEntities()) {
			if (entry.getEntity() instanceof VariableInstanceEntity variable && variable.getTaskId() == null
					&& !decisions.contains(variable.getName()) && changedByThisCommand(entry)) {
				changed.add(variable.getName());
			}
		}
		if (!changed.isEmpty()) {
			throw new BadUserRequestException("Working on task '" + task.getName() + "' may set "
					+ (decisions.isEmpty() ? "no variable" : String.join(" and ", decisions) + " only") + ", not "
					+ String.join(", ", changed) + ": the process reads those after the task.");
		}
	}

	private static boolean changedByThisCommand(CachedDbEntity entry) {
		return entry.getEntityState() != DbEntityState.PERSISTENT || entry.isDirty();
	}

}
