package org.campaigndelivery.delivery;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the delivery in the logging context of a request about it, as the engine does for
 * the delivery's process work, so that every line of a delivery's work carries its id.
 */
@Component
class DeliveryLoggingContext extends OncePerRequestFilter {

	static final String KEY = "deliveryId";

	private static final Pattern DELIVERY_PATH = Pattern.compile("^/api/deliveries/([^/]{1,64})(/.*)?$");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher matcher = DELIVERY_PATH.matcher(request.getRequestURI());
		if (!matcher.matches()) {
			chain.doFilter(request, response);
			return;
		}
		MDC.put(KEY, matcher.group(1).replaceAll("[^A-Za-z0-9-]", "?"));
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(KEY);
		}
	}

}
