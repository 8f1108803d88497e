package org.campaigndelivery.support;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;

/**
 * Runs an engine call as a user, as Tasklist or /engine-rest would; assertions around it
 * run unrestricted.
 */
public final class EngineUsers {

	private EngineUsers() {
	}

	public static void as(ProcessEngine engine, String user, List<String> groups, Runnable action) {
		engine.getIdentityService().setAuthentication(user, groups);
		try {
			action.run();
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

}
