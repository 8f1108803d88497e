package org.campaigndelivery.security;

import java.util.List;
import java.util.Set;

import org.campaigndelivery.api.ApiException;

/** The authenticated caller of an /api request and the groups it belongs to. */
public record CurrentUser(String id, Set<String> groups) {

	private boolean isMemberOfAny(String... candidates) {
		for (String group : candidates) {
			if (this.groups.contains(group)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Refuses with 403 unless the caller may read deliveries: every delivery role, not
	 * the MTA.
	 */
	public void requireDeliveryReader() {
		require("read deliveries", Roles.PREPARERS, Roles.APPROVERS, Roles.STARTERS, Roles.ADMINS);
	}

	/**
	 * Refuses with 403 unless the caller belongs to one of the groups.
	 * @param action what the caller tried, for the refusal's text
	 */
	public void require(String action, String... allowedGroups) {
		if (!isMemberOfAny(allowedGroups)) {
			throw ApiException.forbidden("User '" + this.id + "' may not " + action + "; this needs membership in "
					+ String.join(" or ", List.of(allowedGroups)) + ".");
		}
	}

}
