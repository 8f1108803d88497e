package org.campaigndelivery.security;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what: every route of the product's own doors (the API, its pages, the
 * sandbox inbox, the actuator, tracking links, login), its method and the roles it needs.
 * {@link WebSecurityConfiguration} enforces this table and nothing else decides a role at
 * the HTTP door; what depends on the delivery (the approver is not its preparer, a
 * Tasklist completion by a starter) stays with the services and the process. The API
 * documentation's "who" column is checked against it.
 */
final class AccessRules {

	/** Who a rule lets in. */
	enum Access {

		/** No user: the route's own token or signature is its authority. */
		ANYONE,

		/** Any authenticated user, whatever its groups. */
		ANY_USER,

		/** A member of one of the rule's groups. */
		MEMBERS

	}

	/** One route: its method and path pattern (Spring's PathPattern syntax). */
	record Rule(HttpMethod method, String pattern, Access access, List<String> groups, String action) {

		RequestMatcher matcher() {
			return PathPatternRequestMatcher.withDefaults().matcher(this.method, this.pattern);
		}

	}

	/** Every delivery role, not the MTA: who reads deliveries. */
	private static final String[] READERS = { Roles.PREPARERS, Roles.APPROVERS, Roles.STARTERS, Roles.ADMINS };

	/** Who creates deliveries and their audiences. */
	private static final String[] PREPARING = { Roles.PREPARERS, Roles.STARTERS, Roles.ADMINS };

	private static final String[] MTA = { Roles.MTA, Roles.ADMINS };

	private static final String READ = "read deliveries";

	static final List<Rule> RULES = List.of(
			// audiences
			members("POST", "/api/audiences", "import audiences", PREPARING),
			members("GET", "/api/audiences/{id}", READ, READERS),
			members("GET", "/api/audiences/{id}/rejections", READ, READERS),
			// deliveries
			members("POST", "/api/deliveries", "create deliveries", PREPARING),
			members("GET", "/api/deliveries", READ, READERS), members("GET", "/api/deliveries/{id}", READ, READERS),
			members("POST", "/api/deliveries/{id}/approval", "approve deliveries", Roles.APPROVERS, Roles.ADMINS),
			members("POST", "/api/deliveries/{id}/confirmation", "confirm the send of deliveries", Roles.STARTERS),
			members("POST", "/api/deliveries/{id}/cancel", "cancel deliveries", Roles.STARTERS),
			members("POST", "/api/deliveries/{id}/pause", "pause deliveries", Roles.STARTERS),
			members("POST", "/api/deliveries/{id}/resume", "resume deliveries", Roles.STARTERS),
			members("POST", "/api/deliveries/{id}/compute-stats", "compute delivery statistics", PREPARING),
			members("GET", "/api/deliveries/{id}/logs", READ, READERS),
			members("GET", "/api/deliveries/{id}/exclusions", READ, READERS),
			members("GET", "/api/deliveries/{id}/preparation", READ, READERS),
			members("GET", "/api/deliveries/{id}/proof", READ, READERS),
			members("GET", "/api/deliveries/{id}/timeline", READ, READERS),
			members("GET", "/api/deliveries/{id}/process", READ, READERS),
			members("GET", "/api/recipients/{email}/history", READ, READERS),
			// recurring deliveries
			members("POST", "/api/recurring-deliveries", "set up recurring deliveries", Roles.STARTERS),
			members("GET", "/api/recurring-deliveries", READ, READERS),
			members("GET", "/api/recurring-deliveries/{id}", READ, READERS),
			members("POST", "/api/recurring-deliveries/{id}/cancel", "cancel recurring deliveries", Roles.STARTERS),
			// alerts: starters decide what a paused, failed or stalled delivery needs
			members("GET", "/api/alerts", "read alerts", Roles.STARTERS, Roles.ADMINS),
			// data lifecycle
			members("POST", "/api/maintenance/cleanup", "start cleanup runs", Roles.ADMINS),
			members("GET", "/api/maintenance/cleanup-runs", "read cleanup runs", Roles.ADMINS),
			// quarantine
			members("GET", "/api/quarantine", READ, READERS),
			members("GET", "/api/quarantine/{address}", READ, READERS),
			members("PUT", "/api/quarantine/{address}", "change quarantine statuses", Roles.ADMINS),
			// the MTA's feedback
			members("POST", "/api/mta/events", "post MTA events", MTA),
			members("GET", "/api/mta/events", "read kept MTA events", MTA),
			members("POST", "/api/mta/dsn", "post bounce reports", MTA),
			members("GET", "/api/mta/reports", "read bounce reports", MTA),
			// hosted MTAs' webhooks: their provider's signature is their credential
			anyone("POST", "/api/hooks/ses"), anyone("POST", "/api/hooks/sendgrid"),
			// users and machine clients
			anyUser("GET", "/api/me"), members("POST", "/api/tokens", "make API tokens", Roles.ADMINS),
			members("GET", "/api/tokens", "list API tokens", Roles.ADMINS),
			members("DELETE", "/api/tokens/{id}", "revoke API tokens", Roles.ADMINS),
			// tracking links: the signed token is the authority
			anyone("GET", "/t/o/{token}"), anyone("GET", "/t/c/{token}"), anyone("GET", "/t/u/{token}"),
			anyone("POST", "/t/u/{token}"),
			// pages: their data comes through the API above, rule by rule
			anyUser("GET", "/deliveries"), anyUser("GET", "/deliveries/{id}"), anyUser("GET", "/deliveries/{id}/proof"),
			members("GET", "/sandbox", "read the sandbox inbox", Roles.ADMINS, Roles.STARTERS),
			members("GET", "/sandbox/{id}", "read the sandbox inbox", Roles.ADMINS, Roles.STARTERS),
			members("GET", "/sandbox/{id}/raw", "read the sandbox inbox", Roles.ADMINS, Roles.STARTERS),
			anyone("GET", "/login"), anyone("POST", "/login"), anyUser("POST", "/logout"),
			// everyone sees whether the application is up; admins see the rest
			anyone("GET", "/actuator/health"), anyone("GET", "/actuator/health/**"),
			members("GET", "/actuator/**", "read the application's metrics", Roles.ADMINS));

	/**
	 * The paths the rules cover: the requests the product's security filter chain
	 * handles. The engine's own doors (/engine-rest, the webapps) have their own.
	 */
	static final String[] PATHS = { "/api/**", "/deliveries", "/deliveries/**", "/sandbox", "/sandbox/**",
			"/actuator/**", "/t/**", "/login", "/logout" };

	private AccessRules() {
	}

	/** The first rule for the request, as the filter chain applies them. */
	static Optional<Rule> ruleFor(HttpServletRequest request) {
		return RULES.stream().filter((rule) -> rule.matcher().matches(request)).findFirst();
	}

	private static Rule members(String method, String pattern, String action, String... groups) {
		return new Rule(HttpMethod.valueOf(method), pattern, Access.MEMBERS, List.of(groups), action);
	}

	private static Rule anyUser(String method, String pattern) {
		return new Rule(HttpMethod.valueOf(method), pattern, Access.ANY_USER, List.of(), null);
	}

	private static Rule anyone(String method, String pattern) {
		return new Rule(HttpMethod.valueOf(method), pattern, Access.ANYONE, List.of(), null);
	}

}
