package org.campaigndelivery.engine;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The name a node locks jobs under, from the settings as an operator writes them: its own
 * name first, then the engine's hostname, then host and port.
 */
class NodeIdentityTests {

	@Test
	void shouldLockUnderTheNodeNameFirst() {
		assertThat(lockOwner(Map.of("delivery.node-name", "node-a",
				"camunda.bpm.generic-properties.properties.hostname", "engine-a", "server.port", "8081")))
			.isEqualTo("node-a");
	}

	@Test
	void shouldLockUnderTheEnginesHostnameWithoutANodeName() {
		assertThat(lockOwner(
				Map.of("camunda.bpm.generic-properties.properties.hostname", "engine-a", "server.port", "8081")))
			.isEqualTo("engine-a");
	}

	@Test
	void shouldLockUnderHostAndPortWithoutEither() {
		assertThat(lockOwner(Map.of("delivery.node-name", " ", "server.port", "8081"))).endsWith(":8081");
		assertThat(lockOwner(Map.of())).as("the web server's own port").endsWith(":8080");
	}

	@Test
	void shouldLockUnderANewNameAtEveryStartOnARandomPort() {
		Map<String, String> randomPort = Map.of("server.port", "0");
		assertThat(lockOwner(randomPort)).isNotEqualTo(lockOwner(randomPort));
	}

	@Test
	void shouldRefuseANodeNameLongerThanTheEnginesLockOwnerColumn() {
		assertThat(lockOwner(Map.of("delivery.node-name", "n".repeat(255)))).hasSize(255);
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> lockOwner(Map.of("delivery.node-name", "n".repeat(256))))
			.withRootCauseInstanceOf(IllegalArgumentException.class);
	}

	private static String lockOwner(Map<String, String> settings) {
		Binder binder = new Binder(new MapConfigurationPropertySource(new HashMap<>(settings)));
		return new NodeIdentity(binder.bindOrCreate("delivery", NodeProperties.class),
				binder.bindOrCreate("camunda.bpm", CamundaBpmProperties.class),
				binder.bindOrCreate("server", ServerProperties.class))
			.lockOwner();
	}

}
