package org.campaigndelivery.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

import org.campaigndelivery.api.FilterProblems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the requests of the product's doors against Camunda's identity service:
 * HTTP Basic, a machine client's API token (`Authorization: Bearer`), or the session of a
 * login (the product's login page or Tasklist's and Cockpit's, which share it). It only
 * says who the caller is; whether the caller may is {@link AccessRules}'s. The caller's
 * identity is also set on the engine for the duration of the request, so the engine's
 * authorizations apply to what is done on the caller's behalf.
 * <p>
 * A session is a cookie the browser sends by itself, so a request that changes something
 * on the strength of a session must carry the pages' own header, which no other site can
 * add without the browser asking first; and no request that changes something is taken
 * from another origin.
 */
class IdentityAuthenticationFilter extends OncePerRequestFilter {

	/** What the product's pages send with every call. */
	static final String PAGE_HEADER = "X-Requested-With";

	private final IdentityService identityService;

	/**
	 * The engine whose login the session holds: a login keeps its user under the engine's
	 * name, which is "default" only by default.
	 */
	private final String engineName;

	private final ApiTokens tokens;

	private final LoginDelay loginDelay;

	IdentityAuthenticationFilter(ProcessEngine engine, ApiTokens tokens, LoginDelay loginDelay) {
		this.identityService = engine.getIdentityService();
		this.engineName = engine.getName();
		this.tokens = tokens;
		this.loginDelay = loginDelay;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean unsafe = !List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod());
		if (unsafe && !sameOrigin(request)) {
			refuse(request, response,
					"A request that changes something is only taken from this application's own origin.");
			return;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		CurrentUser user = (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? fromToken(authorization.substring(7).trim()) : fromBasic(authorization, request);
		if (user == null && authorization == null) {
			user = fromSession(request.getSession(false));
			if (user != null && unsafe && request.getHeader(PAGE_HEADER) == null) {
				refuse(request, response, "A request that changes something on the strength of a login session "
						+ "must carry the " + PAGE_HEADER + " header.");
				return;
			}
		}
		if (user == null) {
			chain.doFilter(request, response);
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new IdentityAuthentication(user));
		SecurityContextHolder.setContext(context);
		this.identityService.setAuthentication(user.id(), List.copyOf(user.groups()));
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.identityService.clearAuthentication();
			SecurityContextHolder.clearContext();
		}
	}

	/**
	 * Whether the browser's Origin (sent with every cross-origin request that changes
	 * something) names this host; clients outside a browser send none.
	 */
	private static boolean sameOrigin(HttpServletRequest request) {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin == null) {
			return true;
		}
		try {
			URI uri = URI.create(origin);
			String host = request.getHeader(HttpHeaders.HOST);
			String originHost = uri.getHost() + ((uri.getPort() == -1) ? "" : ":" + uri.getPort());
			return host != null && (host.equalsIgnoreCase(originHost) || host.equalsIgnoreCase(uri.getHost()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * A machine client's API token: no password is checked, so no wrong attempt delays
	 * the user's logins.
	 */
	private CurrentUser fromToken(String token) {
		return this.tokens.userOf(token)
			.filter((userId) -> this.identityService.createUserQuery().userId(userId).count() > 0)
			.map(this::withGroups)
			.orElse(null);
	}

	private CurrentUser fromBasic(String header, HttpServletRequest request) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			return null;
		}
		String userId = decoded.substring(0, colon);
		if (!this.identityService.checkPassword(userId, decoded.substring(colon + 1))) {
			this.loginDelay.remaining(userId)
				.ifPresent((remaining) -> request.setAttribute(LoginDelay.REMAINING, remaining));
			return null;
		}
		return withGroups(userId);
	}

	/**
	 * The user of the session's login; groups are read again on every request, so that a
	 * user removed from a group loses its rights at once, not at the next login.
	 */
	private CurrentUser fromSession(HttpSession session) {
		if (session == null) {
			return null;
		}
		Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
		Authentication authentication = (authentications == null) ? null
				: authentications.getAuthenticationForProcessEngine(this.engineName);
		if (authentication == null
				|| this.identityService.createUserQuery().userId(authentication.getIdentityId()).count() == 0) {
			return null;
		}
		return withGroups(authentication.getIdentityId());
	}

	private CurrentUser withGroups(String userId) {
		Set<String> groups = new HashSet<>();
		for (Group group : this.identityService.createGroupQuery().groupMember(userId).list()) {
			groups.add(group.getId());
		}
		return new CurrentUser(userId, Set.copyOf(groups));
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail)
			throws IOException {
		FilterProblems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

}
