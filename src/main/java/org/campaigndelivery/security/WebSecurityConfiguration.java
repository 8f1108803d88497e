package org.campaigndelivery.security;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Both doors into the engine authenticate: the product's own routes through Spring
 * Security, which authenticates with {@link IdentityAuthenticationFilter} and enforces
 * {@link AccessRules}; /engine-rest with Camunda's own filter (without it the REST API
 * would ignore the engine's authorizations). The webapps keep their own login.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration implements WebMvcConfigurer {

	@Bean
	SecurityFilterChain productSecurity(HttpSecurity http, ProcessEngine engine, ApiTokens tokens,
			LoginDelay loginDelay, AccessRefusals refusals) throws Exception {
		http.securityMatcher(AccessRules.PATHS).authorizeHttpRequests((requests) -> {
			for (AccessRules.Rule rule : AccessRules.RULES) {
				AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl route = requests
					.requestMatchers(rule.matcher());
				switch (rule.access()) {
					case ANYONE -> route.permitAll();
					case ANY_USER -> route.authenticated();
					case MEMBERS -> route.hasAnyAuthority(rule.groups().toArray(String[]::new));
				}
			}
			// a route the table does not name answers as any unknown route does:
			// 404 to a user, 401 to a stranger
			requests.anyRequest().authenticated();
		})
			.addFilterBefore(new IdentityAuthenticationFilter(engine, tokens, loginDelay),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			// the servlet API sees the groups as roles (the actuator shows health details
			// to
			// the admins' role)
			.servletApi((servletApi) -> servletApi.rolePrefix(""))
			// the session is the webapps' login, read by the filter on every request;
			// Spring Security keeps nothing in it (and so never changes its id)
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			// the filter refuses cross-origin and header-less session writes instead
			.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			// LoginController's logout ends the webapps' session too
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

	/**
	 * Spring Security's firewall, which sees every request: an email address may hold a
	 * '%', so its URL-encoded form is taken; a refusal is a problem detail.
	 */
	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedPercent(true);
		return firewall;
	}

	@Bean
	AccessRefusals requestRejectedHandler() {
		return new AccessRefusals();
	}

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		registration.addUrlPatterns("/engine-rest/*");
		registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				HttpBasicAuthenticationProvider.class.getName());
		registration.setName("engineRestAuthenticationFilter");
		return registration;
	}

	@Bean
	FilterRegistrationBean<FirstUserSetupFilter> firstUserSetupFilter() {
		FilterRegistrationBean<FirstUserSetupFilter> registration = new FilterRegistrationBean<>(
				new FirstUserSetupFilter());
		registration.addUrlPatterns("/camunda/api/admin/setup/*");
		registration.setName("firstUserSetupFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentUserArgumentResolver());
	}

}
