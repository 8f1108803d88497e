package org.campaigndelivery.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The `production` profile refuses to start without an administrator configured, with one
 * whose password is shorter than 12 characters, or with the demo users: with the
 * first-user setup closed nobody could administer the system otherwise, and short or
 * well-known passwords are guessed. Checked before any bean is made, so that a refused
 * start leaves no process engine behind.
 */
@Configuration(proxyBeanMethods = false)
@Profile("production")
class ProductionSafeguards {

	static final int MIN_PASSWORD_LENGTH = 12;

	@Bean
	static BeanFactoryPostProcessor productionSafeguardsCheck(Environment environment) {
		return (beanFactory) -> check(environment);
	}

	static void check(Environment environment) {
		String adminId = environment.getProperty("camunda.bpm.admin-user.id", "");
		String adminPassword = environment.getProperty("camunda.bpm.admin-user.password", "");
		if (adminId.isBlank()) {
			throw new IllegalStateException("The production profile needs an administrator: set "
					+ "camunda.bpm.admin-user.id and camunda.bpm.admin-user.password (at least " + MIN_PASSWORD_LENGTH
					+ " characters).");
		}
		if (adminPassword.length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalStateException("The production profile refuses an administrator password shorter than "
					+ MIN_PASSWORD_LENGTH + " characters (camunda.bpm.admin-user.password).");
		}
		if (environment.getProperty("delivery.demo-users.enabled", Boolean.class, true)) {
			throw new IllegalStateException("The production profile refuses the demo users, whose passwords are "
					+ "their names: set delivery.demo-users.enabled=false.");
		}
	}

}
