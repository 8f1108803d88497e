package org.campaigndelivery.workflow;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;

import org.campaigndelivery.security.Roles;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Tasklist's filters, so that each role sees its work as soon as it logs in: approvals
 * for approvers, send confirmations and paused deliveries to review for starters, every
 * task for administrators. Created once, found by name afterwards.
 */
@Component
class TasklistFilters implements SmartInitializingSingleton {

	private static final List<Map<String, String>> COLUMNS = List.of(
			Map.of("name", DeliveryProcessIds.VAR_LABEL, "label", "Delivery"),
			Map.of("name", DeliveryProcessIds.VAR_TO_DELIVER, "label", "To deliver"));

	private final FilterService filterService;

	private final TaskService taskService;

	private final AuthorizationService authorizationService;

	TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
		this.filterService = filterService;
		this.taskService = taskService;
		this.authorizationService = authorizationService;
	}

	/**
	 * Runs once every bean exists and before the web server accepts a request, so that
	 * the first login after start already works.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		create();
	}

	void create() {
		filter("Delivery approvals", "Deliveries waiting for an approver", -10, Roles.APPROVERS,
				this.taskService.createTaskQuery().taskCandidateGroup(Roles.APPROVERS).includeAssignedTasks());
		filter("Send confirmations", "Deliveries waiting for the final OK to send", -10, Roles.STARTERS,
				this.taskService.createTaskQuery()
					.taskCandidateGroup(Roles.STARTERS)
					.includeAssignedTasks()
					.taskDefinitionKeyIn(DeliveryProcessIds.TASK_CONFIRM_SEND,
							DeliveryProcessIds.TASK_CONFIRM_RECURRING_SEND));
		filter("Paused deliveries", "Deliveries the reputation guard paused: resume or cancel", -20, Roles.STARTERS,
				this.taskService.createTaskQuery()
					.taskCandidateGroup(Roles.STARTERS)
					.includeAssignedTasks()
					.taskDefinitionKey(DeliveryProcessIds.TASK_REVIEW_PAUSED_DELIVERY));
		filter("All tasks", "Every open task", 0, Roles.ADMINS, this.taskService.createTaskQuery());
	}

	private void filter(String name, String description, int priority, String group, TaskQuery query) {
		Filter filter = this.filterService.createFilterQuery().filterName(name).singleResult();
		if (filter == null) {
			filter = this.filterService.newTaskFilter(name)
				.setQuery(query)
				.setProperties(Map.of("description", description, "priority", priority, "refresh", true, "variables",
						COLUMNS));
			this.filterService.saveFilter(filter);
		}
		boolean granted = this.authorizationService.createAuthorizationQuery()
			.resourceType(Resources.FILTER)
			.resourceId(filter.getId())
			.groupIdIn(group)
			.count() > 0;
		if (!granted) {
			Authorization read = this.authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			read.setGroupId(group);
			read.setResource(Resources.FILTER);
			read.setResourceId(filter.getId());
			read.addPermission(Permissions.READ);
			this.authorizationService.saveAuthorization(read);
		}
	}

}
