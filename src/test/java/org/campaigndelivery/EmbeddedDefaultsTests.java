package org.campaigndelivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.campaigndelivery.sending.SandboxMta;
import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.Browser;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
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
				"camunda.bpm.generate-unique-process-engine-name=true", "delivery.sending.batch-size=5",
				"delivery.mta.sandbox.refuse[unknown-*@example.com]=550 5.1.1 user unknown" })
@DirtiesContext
class EmbeddedDefaultsTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	SandboxMta sandbox;

	@LocalServerPort
	int port;

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
		// most one per lane (none when those of an earlier delivery are still open)
		assertThat(this.sandbox.acceptedConnections() - connectionsBefore).isBetween(0L, 4L);
		assertThat(preparer.get("/api/deliveries/" + id).json().at("/kpis/sent").asInt()).isEqualTo(25);
	}

	@Test
	void shouldShowTheRecipientsMessagesInTheSandboxInboxAndBounceTheRefusedAddress() throws Exception {
		Api preparer = new Api(this.rest, this.objectMapper, "preparer");
		String id = preparer
			.post("/api/deliveries", DeliveryRequests.delivery()
				.with("label", "Inbox tour")
				.with("approvalMode", "AUTOMATIC")
				.with("recipients",
						List.of(Map.of("email", "ines@example.com", "firstName", "Ines", "lastName", "Inbox", "city",
								"Lyon"), Map.of("email", "unknown-1@example.com", "firstName", "Nobody")))
				.body())
			.json()
			.get("id")
			.asText();
		await().atMost(Duration.ofSeconds(30)).until(() -> status(preparer, id).equals("AWAITING_CONFIRMATION"));
		preparer.as("starter").post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		await().atMost(Duration.ofSeconds(60)).until(() -> status(preparer, id).equals("SENT"));

		JsonNode refused = preparer.get("/api/deliveries/" + id + "/logs?status=FAILED").json();
		assertThat(refused.findValuesAsText("recipient")).containsExactly("unknown-1@example.com");
		assertThat(refused.get(0).get("failureType").asText()).isEqualTo("HARD");
		assertThat(preparer.get("/sandbox").code()).as("preparers do not read the inbox").isEqualTo(403);
		assertThat(new Api(this.rest, this.objectMapper, null).get("/sandbox").code()).isEqualTo(401);
		HttpResponse<String> script = anonymous("/sandbox", "application/json");
		assertThat(script.statusCode()).as("a script keeps its problem and challenge").isEqualTo(401);
		assertThat(script.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic "));
		HttpResponse<String> page = anonymous("/sandbox", "text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(page.statusCode()).as("a browser is led to the login page").isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?next=%2Fsandbox"));

		try (Browser browser = Browser.open()) {
			WebDriver driver = browser.driver();
			// no session: the login page, which leads back to the inbox
			driver.get("http://localhost:" + this.port + "/sandbox");
			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
			driver.findElement(By.id("username")).sendKeys("starter");
			driver.findElement(By.id("password")).sendKeys("starter");
			driver.findElement(By.id("log-in")).click();
			WebElement subject = browser.waiting()
				.until(ExpectedConditions.elementToBeClickable(By.linkText("Hello Ines, the winter sale starts")));
			assertThat(driver.getCurrentUrl()).endsWith("/sandbox");
			// the pages' header, with the user and the way back to the deliveries
			browser.waiting().until(ExpectedConditions.textToBe(By.id("current-user"), "starter"));
			assertThat(driver.findElement(By.cssSelector("header.top")).getText()).contains("campaign-delivery")
				.contains("Deliveries")
				.contains("Sandbox inbox");
			assertThat(driver.findElement(By.id("back")).getDomAttribute("href")).isEqualTo("/deliveries");
			assertThat(driver.findElement(By.tagName("tbody")).getText()).contains("ines@example.com")
				.doesNotContain("unknown-1@example.com");
			browser.screenshot("sandbox-inbox");
			subject.click();
			WebElement frame = browser.waiting()
				.until(ExpectedConditions.presenceOfElementLocated(By.tagName("iframe")));
			assertThat(frame.getDomAttribute("sandbox")).as("no script of the message runs").isEmpty();
			driver.switchTo().frame(frame);
			assertThat(
					browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("body"))).getText())
				.contains("Hello Ines Inbox,")
				.contains("winter sale");
			driver.switchTo().defaultContent();
			assertThat(driver.findElement(By.tagName("body")).getText()).contains("List-Unsubscribe");
			assertThat(driver.findElement(By.tagName("pre")).getText()).as("the text part")
				.contains("Hello Ines Inbox,")
				.contains("winter sale <https://shop.example.com/sale?c=Lyon>");
			browser.screenshot("sandbox-message");
		}
	}

	private HttpResponse<String> anonymous(String path, String accept) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Accept", accept)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String status(Api api, String id) {
		return api.get("/api/deliveries/" + id).json().get("status").asText();
	}

}
