package org.campaigndelivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.sending.SandboxMta;
import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as `./mvnw spring-boot:run` starts it: sandbox MTA, demo users, the job
 * executor running the lanes. Only the database file and the ports differ.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:file:./target/h2/defaults-${random.uuid}",
				"camunda.bpm.generate-unique-process-engine-name=true", "delivery.sending.batch-size=5" })
@DirtiesContext
class EmbeddedDefaultsTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	SandboxMta sandbox;

	@DynamicPropertySource
	static void freeSandboxPort(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			int port = socket.getLocalPort();
			registry.add("delivery.mta.sandbox.port", () -> port);
		}
	}

	@Test
	void shouldSendThroughTheSandboxMtaWithTheJobExecutorRunningTheLanes() {
		Api preparer = new Api(this.rest, this.objectMapper, "preparer");
		long before = this.sandbox.acceptedMessages();
		long connectionsBefore = this.sandbox.acceptedConnections();
		String id = preparer
			.post("/api/deliveries",
					DeliveryRequests.delivery()
						.with("approvalMode", "AUTOMATIC")
						.with("recipients", DeliveryRequests.recipients(25))
						.body())
			.json()
			.get("id")
			.asText();

		await().atMost(Duration.ofSeconds(30)).until(() -> status(preparer, id).equals("AWAITING_CONFIRMATION"));
		assertThat(preparer.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(60)).until(() -> status(preparer, id).equals("SENT"));

		assertThat(this.sandbox.acceptedMessages() - before).isEqualTo(25);
		// five batches of five or more, over connections kept open across batches: at
		// most one per lane
		assertThat(this.sandbox.acceptedConnections() - connectionsBefore).isBetween(1L, 4L);
		assertThat(preparer.get("/api/deliveries/" + id).json().at("/kpis/sent").asInt()).isEqualTo(25);
	}

	private static String status(Api api, String id) {
		return api.get("/api/deliveries/" + id).json().get("status").asText();
	}

}
