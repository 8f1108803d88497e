package org.campaigndelivery.workflow;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.campaigndelivery.security.Roles;

/**
 * The "Start deliveries" rule as the process enforces it: whichever door a send's
 * confirmation or a cancellation comes through (Tasklist, /engine-rest, /api, Java), the
 * authenticated user must belong to delivery-starters, whatever engine permissions an
 * administrator granted; nothing without an authenticated user may.
 */
final class Starters {

	private Starters() {
	}

	/**
	 * @param action what the user tried, for the refusal's text
	 * @return the starter's user id
	 */
	static String require(ProcessEngineServices engine, String action) {
		Authentication user = engine.getIdentityService().getCurrentAuthentication();
		if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(Roles.STARTERS)) {
			throw new AuthorizationException("Only members of '" + Roles.STARTERS + "' may " + action + "; "
					+ (user == null ? "no user is authenticated" : "'" + user.getUserId() + "' is not one") + ".");
		}
		return user.getUserId();
	}

}
