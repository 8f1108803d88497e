package org.campaigndelivery.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;

import org.campaigndelivery.alert.SwitchableAlertRecipients;
import org.campaigndelivery.preparation.SwitchableFatigue;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
@Import({ SwitchableFatigue.class, SwitchableAlertRecipients.class })
class TestSupport {

	/** Replaces the application's clock: tests move it instead of sleeping. */
	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
	}

	@Bean
	Jobs jobs(ManagementService managementService, RuntimeService runtimeService) {
		return new Jobs(managementService, runtimeService);
	}

	@Bean
	DeliveryFlow deliveryFlow(TestRestTemplate rest, ObjectMapper objectMapper, RuntimeService runtimeService,
			TaskService taskService, Jobs jobs) {
		return new DeliveryFlow(new Api(rest, objectMapper, "preparer"), runtimeService, taskService, jobs);
	}

}
