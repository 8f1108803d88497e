package org.campaigndelivery.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for /api against Camunda's identity service. The caller's identity is also
 * set on the engine for the duration of the request, so the engine's authorizations apply
 * to what the API does on the caller's behalf.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

	static final String CURRENT_USER = ApiAuthenticationFilter.class.getName() + ".user";

	private final IdentityService identityService;

	ApiAuthenticationFilter(IdentityService identityService) {
		this.identityService = identityService;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CurrentUser user = authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (user == null) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"campaign-delivery\", charset=\"UTF-8\"");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getOutputStream()
				.write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
						+ "\"detail\":\"Valid HTTP Basic credentials are required.\",\"instance\":\""
						+ request.getRequestURI().replace("\"", "") + "\"}")
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		request.setAttribute(CURRENT_USER, user);
		this.identityService.setAuthentication(user.id(), List.copyOf(user.groups()));
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.identityService.clearAuthentication();
		}
	}

	private CurrentUser authenticate(String header) {
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
			return null;
		}
		Set<String> groups = new HashSet<>();
		for (Group group : this.identityService.createGroupQuery().groupMember(userId).list()) {
			groups.add(group.getId());
		}
		return new CurrentUser(userId, Set.copyOf(groups));
	}

}
