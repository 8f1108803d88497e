package org.campaigndelivery.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.campaigndelivery.api.FilterProblems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * How a refusal of {@link AccessRules} is answered: an RFC 9457 problem naming what the
 * caller lacks, or, for a page, the login page that leads back to it.
 */
final class AccessRefusals implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	/** A visitor without a login: the pages send to the login page. */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/deliveries") || path.startsWith("/deliveries/") || browserAtTheSandbox(request, path)) {
			String next = path + ((request.getQueryString() == null) ? "" : "?" + request.getQueryString());
			response.sendRedirect(
					request.getContextPath() + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
			return;
		}
		if (request.getHeader(IdentityAuthenticationFilter.PAGE_HEADER) == null) {
			// Not for the pages' own calls: the browser would ask for Basic credentials
			// over the login page.
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"campaign-delivery\", charset=\"UTF-8\"");
		}
		if (request.getAttribute(LoginDelay.REMAINING) instanceof Duration remaining) {
			long seconds = LoginDelay.seconds(remaining);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			FilterProblems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
					"Wrong user or password, or a login within the delay that follows a wrong password: this "
							+ "user's logins are refused, whatever the password, for " + seconds
							+ " s more; try again then. Machine clients authenticate with an API token, which "
							+ "no wrong password delays.");
			return;
		}
		FilterProblems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
				"Valid HTTP Basic credentials, an API token (Authorization: Bearer) or a login session are required.");
	}

	/**
	 * The sandbox inbox is a page for people and a source for scripts (the README's tour
	 * reads it with curl): a browser that asks for HTML and sends no credentials is led
	 * to the login page, anyone else keeps the 401 problem with its Basic challenge.
	 */
	private static boolean browserAtTheSandbox(HttpServletRequest request, String path) {
		if (!(path.equals("/sandbox") || path.startsWith("/sandbox/"))
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
			return false;
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.toLowerCase(Locale.ROOT).contains(MediaType.TEXT_HTML_VALUE);
	}

	/** A user without the group the route's rule asks for. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		String user = SecurityContextHolder.getContext().getAuthentication().getName();
		String detail = AccessRules.ruleFor(request)
			.filter((rule) -> rule.access() == AccessRules.Access.MEMBERS)
			.map((rule) -> "User '" + user + "' may not " + rule.action() + "; this needs membership in "
					+ String.join(" or ", rule.groups()) + ".")
			.orElse("User '" + user + "' may not call " + request.getMethod() + " " + request.getRequestURI() + ".");
		FilterProblems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

	/**
	 * A URL or header the firewall refuses (an encoded slash, a control character): a
	 * problem like every other bad input, not the servlet container's error page.
	 */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		FilterProblems.write(request, response, HttpStatus.BAD_REQUEST, "Bad Request",
				"The request's URL or headers hold characters this application does not take: " + ex.getMessage());
	}

}
