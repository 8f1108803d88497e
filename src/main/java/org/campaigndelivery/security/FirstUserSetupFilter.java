package org.campaigndelivery.security;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.campaigndelivery.api.FilterProblems;

import org.springframework.http.HttpStatus;

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
		FilterProblems.write((HttpServletRequest) request, (HttpServletResponse) response, HttpStatus.FORBIDDEN,
				"Forbidden", DETAIL);
	}

}
