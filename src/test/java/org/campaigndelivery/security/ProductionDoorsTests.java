package org.campaigndelivery.security;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.CampaignDeliveryApplication;
import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The doors a production installation must keep shut: the webapps' first-user setup, and
 * a start without an administrator or with demo users.
 */
@ApplicationTest
class ProductionDoorsTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	IdentityService identityService;

	@Test
	void shouldKeepTheFirstUserSetupClosedToEveryone() {
		Map<String, Object> intruder = Map.of("profile",
				Map.of("id", "intruder", "firstName", "I", "lastName", "N", "email", "i@example.com"), "credentials",
				Map.of("password", "intruder-password"));

		for (String user : new String[] { null, "demo" }) {
			Api.Response refused = new Api(this.rest, this.objectMapper, user)
				.post("/camunda/api/admin/setup/default/user/create", intruder);
			assertThat(refused.code()).as(refused.text()).isEqualTo(403);
			assertThat(refused.json().get("detail").asText()).isEqualTo(FirstUserSetupFilter.DETAIL);
		}
		assertThat(this.identityService.createUserQuery().userId("intruder").count()).isZero();
	}

	@Test
	void shouldRefuseToStartInProductionWithoutAnAdministratorOrWithAShortPassword() {
		assertThatThrownBy(() -> production().run()).hasMessageContaining("needs an administrator");
		assertThatThrownBy(
				() -> production().run("--camunda.bpm.admin-user.id=admin", "--camunda.bpm.admin-user.password=short"))
			.hasMessageContaining("shorter than 12 characters");
		assertThatThrownBy(() -> production().run("--camunda.bpm.admin-user.id=admin",
				"--camunda.bpm.admin-user.password=long-enough-password", "--delivery.demo-users.enabled=true"))
			.hasMessageContaining("refuses the demo users");
	}

	private static SpringApplicationBuilder production() {
		return new SpringApplicationBuilder(CampaignDeliveryApplication.class).profiles("production")
			.properties("server.port=0",
					"spring.datasource.url=jdbc:h2:file:./target/h2/production-" + UUID.randomUUID(),
					"camunda.bpm.job-execution.enabled=false", "delivery.mta.sandbox.enabled=false",
					"logging.level.root=ERROR");
	}

}
