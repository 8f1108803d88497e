package org.campaigndelivery.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Both doors into the engine authenticate: /api with {@link ApiAuthenticationFilter},
 * /engine-rest with Camunda's own filter (without it the REST API would ignore the
 * engine's authorizations).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration implements WebMvcConfigurer {

	@Bean
	FilterRegistrationBean<ApiAuthenticationFilter> apiAuthenticationFilter(IdentityService identityService,
			ApiTokens tokens) {
		FilterRegistrationBean<ApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ApiAuthenticationFilter(identityService, tokens));
		registration.addUrlPatterns("/api/*", "/sandbox", "/sandbox/*", "/deliveries", "/deliveries/*", "/actuator/*",
				"/logout");
		registration.setName("apiAuthenticationFilter");
		return registration;
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
