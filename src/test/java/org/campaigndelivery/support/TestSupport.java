package org.campaigndelivery.support;

import org.camunda.bpm.engine.ManagementService;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
class TestSupport {

	@Bean
	Jobs jobs(ManagementService managementService) {
		return new Jobs(managementService);
	}

}
