package org.campaigndelivery.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Closes the webapps' first-user setup, which creates an administrator for anyone who
 * asks while none exists: in production, with the demo users off and no administrator
 * configured yet, the first anonymous visitor would own the system. The first
 * administrator comes from camunda.bpm.admin-user instead.
 */
class FirstUserSetupFilter implements Filter {

	static final String DETAIL = "The first-user setup is closed: configure the first administrator with "
			+ "camunda.bpm.admin-user.id and camunda.bpm.admin-user.password.";

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
		HttpServletResponse http = (HttpServletResponse) response;
		http.setStatus(HttpServletResponse.SC_FORBIDDEN);
		http.setContentType("application/problem+json");
		http.setCharacterEncoding(StandardCharsets.UTF_8.name());
		http.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"" + DETAIL + "\"}");
	}

}
