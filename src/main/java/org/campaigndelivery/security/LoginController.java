package org.campaigndelivery.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The product's login page. A login here is the webapps' login: it is kept in the same
 * session the way Tasklist's own login keeps it, so the pages' links into Tasklist and
 * Cockpit need no second login (and a Tasklist login opens the pages). The password is
 * checked by the engine, with its login delay after wrong passwords.
 */
@Controller
class LoginController {

	private final ProcessEngine processEngine;

	private final LoginDelay loginDelay;

	LoginController(ProcessEngine processEngine, LoginDelay loginDelay) {
		this.processEngine = processEngine;
		this.loginDelay = loginDelay;
	}

	@GetMapping("/login")
	String page() {
		return "forward:/ui/login.html";
	}

	@PostMapping(path = "/login", consumes = "application/x-www-form-urlencoded")
	void login(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "/deliveries") String next, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String target = local(next);
		if (username.isEmpty() || !this.processEngine.getIdentityService().checkPassword(username.trim(), password)) {
			String wait = username.isEmpty() ? ""
					: this.loginDelay.remaining(username.trim())
						.map((remaining) -> "&wait=" + LoginDelay.seconds(remaining))
						.orElse("");
			response.sendRedirect(request.getContextPath() + "/login?failed" + wait + "&next="
					+ URLEncoder.encode(target, StandardCharsets.UTF_8));
			return;
		}
		UserAuthentication authentication = AuthenticationUtil.createAuthentication(this.processEngine,
				username.trim());
		// As the webapps' own login does: the groups read now hold until the webapps'
		// cache
		// time, instead of being read again on every request to the webapps.
		authentication
			.setCacheValidationTime(ServletContextUtil.getAuthCacheValidationTime(request.getServletContext()));
		// A new session: whatever id the visitor had before logging in is worth nothing
		// now.
		AuthenticationUtil.revalidateSession(request, authentication);
		response.sendRedirect(request.getContextPath() + target);
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

	/** Only a path of this application: a login never sends anyone elsewhere. */
	private static String local(String next) {
		if (next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") && !next.contains("\r")
				&& !next.contains("\n")) {
			return next;
		}
		return "/deliveries";
	}

}
