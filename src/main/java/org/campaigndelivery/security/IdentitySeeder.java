package org.campaigndelivery.security;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Seeds the role groups, their engine authorizations and (when enabled) the demo users.
 * Idempotent, and safe when several nodes start at once: whatever another node created
 * first is taken as it is.
 */
@Component
class IdentitySeeder implements SmartInitializingSingleton {

	/** The process definitions the product's roles work with. */
	static final List<String> PROCESS_KEYS = List.of("delivery", "recurringDelivery");

	private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	private final SecurityProperties properties;

	IdentitySeeder(IdentityService identityService, AuthorizationService authorizationService,
			SecurityProperties properties) {
		this.identityService = identityService;
		this.authorizationService = authorizationService;
		this.properties = properties;
	}

	/**
	 * Runs once every bean exists and before the web server accepts a request, so that
	 * the first login after start already works.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		seed();
	}

	void seed() {
		group(Roles.ADMINS, "Camunda administrators", "SYSTEM");
		group(Roles.PREPARERS, "Prepare deliveries", "WORKFLOW");
		group(Roles.APPROVERS, "Approve deliveries", "WORKFLOW");
		group(Roles.STARTERS, "Start deliveries", "WORKFLOW");
		group(Roles.MTA, "MTA feedback", "SYSTEM");

		for (Resource resource : Resources.values()) {
			grant(Roles.ADMINS, resource, Authorization.ANY, Permissions.ALL);
		}
		for (String group : List.of(Roles.PREPARERS, Roles.APPROVERS, Roles.STARTERS)) {
			grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		}
		for (String key : PROCESS_KEYS) {
			// Reading the definition and its instances lets Tasklist draw the diagram,
			// load the deployed forms and
			// show the delivery's variables in the task list; every role may read
			// deliveries anyway.
			grant(Roles.APPROVERS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE);
			grant(Roles.PREPARERS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE);
			grant(Roles.STARTERS, Resources.PROCESS_DEFINITION, key, Permissions.READ, Permissions.READ_INSTANCE,
					Permissions.CREATE_INSTANCE);
		}
		// Only starters set up recurring deliveries: their creation is the standing
		// confirmation of sends.
		grant(Roles.PREPARERS, Resources.PROCESS_DEFINITION, "delivery", Permissions.CREATE_INSTANCE);
		grant(Roles.PREPARERS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
		grant(Roles.STARTERS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
		if (this.properties.demoUsers().enabled()) {
			user("demo", "Demo", "Administrator", Roles.ADMINS, Roles.STARTERS);
			user("preparer", "Paula", "Preparer", Roles.PREPARERS);
			user("approver", "Arthur", "Approver", Roles.APPROVERS);
			user("starter", "Stella", "Starter", Roles.STARTERS);
			user("mta", "Mail", "Relay", Roles.MTA);
			log.info("Demo users are enabled (demo, preparer, approver, starter, mta); disable them in production "
					+ "with delivery.demo-users.enabled=false");
		}
	}

	private void group(String id, String name, String type) {
		createOnce(() -> this.identityService.createGroupQuery().groupId(id).count() > 0, () -> {
			Group group = this.identityService.newGroup(id);
			group.setName(name);
			group.setType(type);
			this.identityService.saveGroup(group);
		});
	}

	private void user(String id, String firstName, String lastName, String... groups) {
		createOnce(() -> this.identityService.createUserQuery().userId(id).count() > 0, () -> {
			User user = this.identityService.newUser(id);
			user.setFirstName(firstName);
			user.setLastName(lastName);
			user.setEmail(id + "@campaign-delivery.example");
			user.setPassword(id);
			this.identityService.saveUser(user);
		});
		for (String group : groups) {
			createOnce(() -> this.identityService.createUserQuery().userId(id).memberOfGroup(group).count() > 0,
					() -> this.identityService.createMembership(id, group));
		}
	}

	/**
	 * One authorization per group and resource (the engine's unique key); missing
	 * permissions are added.
	 */
	private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
		createOnce(() -> {
			Authorization existing = this.authorizationService.createAuthorizationQuery()
				.groupIdIn(group)
				.resourceType(resource)
				.resourceId(resourceId)
				.singleResult();
			if (existing == null) {
				return false;
			}
			boolean complete = true;
			for (Permission permission : permissions) {
				complete &= existing.isPermissionGranted(permission);
			}
			return complete;
		}, () -> {
			Authorization authorization = this.authorizationService.createAuthorizationQuery()
				.groupIdIn(group)
				.resourceType(resource)
				.resourceId(resourceId)
				.singleResult();
			if (authorization == null) {
				authorization = this.authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
				authorization.setGroupId(group);
				authorization.setResource(resource);
				authorization.setResourceId(resourceId);
			}
			for (Permission permission : permissions) {
				authorization.addPermission(permission);
			}
			this.authorizationService.saveAuthorization(authorization);
		});
	}

	private static void createOnce(BooleanSupplier exists, Runnable create) {
		if (exists.getAsBoolean()) {
			return;
		}
		try {
			create.run();
		}
		catch (ProcessEngineException ex) {
			if (!exists.getAsBoolean()) {
				throw ex;
			}
		}
	}

}
