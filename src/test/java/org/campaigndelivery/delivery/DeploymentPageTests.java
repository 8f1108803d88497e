package org.campaigndelivery.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.Browser;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.campaigndelivery.support.DeliveryRequests.delivery;
import static org.campaigndelivery.support.DeliveryRequests.email;
import static org.campaigndelivery.support.DeliveryRequests.freshRecipients;

/**
 * The Deployment page in a real browser, logged in through the product's login page: a
 * starter confirms the send there, the tiles show what the API answers, Compute stats
 * recounts, the proof shows the personalised message.
 */
@ApplicationTest
class DeploymentPageTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@LocalServerPort
	int port;

	@Autowired
	DeliveryFlow flow;

	@Autowired
	IdentityService identityService;

	@Test
	void starterConfirmsOnThePageAndTheTilesShowTheApisNumbers() throws Exception {
		String label = "Deployment page " + UUID.randomUUID().toString().substring(0, 8);
		List<Map<String, Object>> fresh = freshRecipients(5);
		List<Map<String, Object>> audience = new java.util.ArrayList<>(fresh);
		audience.add(Map.of("email", "not-an-address"));
		JsonNode created = this.flow.as("preparer")
			.post("/api/deliveries",
					delivery().with("label", label)
						.with("recipients", audience)
						.with("approvalMode", "AUTOMATIC")
						.with("emailFeedbackService", true)
						.body())
			.json();
		String id = created.get("id").asText();
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("AWAITING_CONFIRMATION");

		try (Browser browser = Browser.open()) {
			WebDriver driver = browser.driver();
			try {
				driver.get(url("/deliveries/" + id));
				// not logged in: the login page, which brings the visitor back afterwards
				browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
				driver.findElement(By.id("username")).sendKeys("starter");
				driver.findElement(By.id("password")).sendKeys("starter");
				driver.findElement(By.id("log-in")).click();
				browser.waiting().until(ExpectedConditions.textToBe(By.id("label"), label));
				assertThat(driver.getCurrentUrl()).endsWith("/deliveries/" + id);
				assertThat(status(driver)).isEqualTo("AWAITING_CONFIRMATION");
				// the page's parts load one after the other
				browser.waiting()
					.until(ExpectedConditions.textToBePresentInElementLocated(By.id("exclusions"), "not-an-address"));
				assertThat(driver.findElement(By.id("exclusions")).getText()).contains("Invalid address")
					.doesNotContain("INVALID_ADDRESS");
				// the exclusions counted by reason, each reason as the page words it
				browser.waiting()
					.until(ExpectedConditions.textToBePresentInElementLocated(By.id("findings"), " invalid address"));
				// GreenMail takes no delivery status notification requests
				browser.waiting()
					.until(ExpectedConditions.textToBePresentInElementLocated(By.id("findings"),
							"does not take delivery status notification requests"));
				assertThat(driver.findElement(By.id("task-link")).getDomAttribute("href"))
					.startsWith("/camunda/app/tasklist/default/#/?task=");

				driver.findElement(By.id("confirm-send")).click();
				browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes"))).click();
				// the confirmation is taken: the task is done, the button gone
				browser.waiting()
					.until((d) -> !d.findElement(By.id("confirm-panel")).isDisplayed()
							&& !d.findElement(By.id("confirm-send")).isDisplayed());
				assertThat(
						this.flow.as("starter").get("/api/deliveries/" + id + "/process").json().get("taskId").isNull())
					.isTrue();

				// the lanes relay (the job executor is off in tests)
				this.flow.runJobs(id);
				assertThat(smtp.getReceivedMessages()).hasSize(5);
				this.flow.event(id, email(fresh, 1), "DELIVERED", null);
				this.flow.event(id, email(fresh, 2), "DELIVERED", null);
				this.flow.event(id, email(fresh, 3), "DELIVERED", null);
				this.flow.event(id, email(fresh, 4), "HARD_BOUNCE", "550 5.1.1 User unknown");
				this.flow.event(id, email(fresh, 5), "DELAYED", "452 4.2.2 Mailbox full");

				// the page follows by itself
				browser.waiting()
					.withTimeout(Duration.ofSeconds(40))
					.until((d) -> "SENT".equals(status(d)) && tile(d, "tile-delivered").contains("3 of 5"));
				JsonNode kpis = this.flow.as("starter").get("/api/deliveries/" + id).json().get("kpis");
				assertThat(tile(driver, "tile-to-deliver")).contains(kpis.get("toDeliver").asText());
				assertThat(tile(driver, "tile-sent")).contains(kpis.get("sent").asText());
				assertThat(tile(driver, "tile-delivered")).contains(percent(kpis.get("deliveredRate")))
					.contains(kpis.get("delivered").asText() + " of " + kpis.get("sent").asText());
				assertThat(tile(driver, "tile-bounces")).contains(percent(kpis.get("bouncesAndErrorsRate")))
					.contains(kpis.get("bouncesAndErrors").asText() + " messages");
				assertThat(tile(driver, "tile-opens")).contains(percent(kpis.get("openRate")));
				assertThat(tile(driver, "tile-clicks")).contains(percent(kpis.get("clickRate")));
				assertThat(tile(driver, "tile-complaints")).contains(percent(kpis.get("complaintRate")))
					.contains(kpis.get("complaints").asText() + " reported as spam");
				assertThat(kpis.get("deliveredRate").asDouble()).as("3 delivered of 5 sent, one still pending")
					.isEqualTo(60.0);
				assertThat(driver.findElement(By.id("progress-text")).getText()).startsWith("5 of 5 processed");
				// the chart: every message relayed at its relay, delivered and failed at
				// the
				// MTA's report, on axes that say what and when
				browser.waiting()
					.withTimeout(Duration.ofSeconds(40))
					.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chart-range"),
							"5 relayed, 3 delivered, 1 failed"));
				assertThat(driver.findElement(By.cssSelector("#chart polyline[data-series=relayed]"))
					.getDomAttribute("points")).isNotEmpty();
				assertThat(texts(driver, "#chart .y-axis text")).contains("0", "5", "messages");
				assertThat(texts(driver, "#chart .x-axis text")).contains("time (counted per second)")
					.filteredOn((text) -> text.matches("\\d\\d:\\d\\d:\\d\\d"))
					.hasSizeGreaterThanOrEqualTo(2);
				assertThat(texts(driver, "#chart text.series-value")).contains("5 relayed", "3 delivered", "1 failed");

				driver.findElement(By.id("compute-stats")).click();
				browser.waiting()
					.until(ExpectedConditions.textMatches(By.id("computed-at"),
							Pattern.compile("^Last Compute stats: .+")));
				assertThat(this.flow.as("starter").get("/api/deliveries/" + id).json().at("/kpis/computedAt").isNull())
					.as("Compute stats ran on the server")
					.isFalse();
				browser.waiting()
					.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#logs tbody"),
							"delayed"));
				assertThat(driver.findElement(By.cssSelector("#logs tbody")).getText())
					.contains("452 4.2.2 Mailbox full");
				new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("log-status")))
					.selectByVisibleText("FAILED");
				browser.waiting()
					.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#logs tbody"),
							email(fresh, 4)));
				// the failure as words, not as the API's values (HARD, USER_UNKNOWN)
				assertThat(driver.findElement(By.cssSelector("#logs tbody")).getText()).doesNotContain(email(fresh, 1))
					.contains("Hard bounce · User unknown")
					.doesNotContain("USER_UNKNOWN");
				browser.screenshot("deployment-page");

				driver.findElement(By.id("proof-link")).click();
				browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("recipient")));
				browser.waiting().until((d) -> !d.findElement(By.id("to")).getText().isEmpty());
				driver.findElement(By.id("recipient")).clear();
				driver.findElement(By.id("recipient")).sendKeys(email(fresh, 1) + "\n");
				browser.waiting()
					.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subject"),
							"Hello First1, the winter sale starts"));
				WebElement frame = driver.findElement(By.id("message"));
				assertThat(frame.getDomAttribute("sandbox")).as("no script of the message runs").isEmpty();
				driver.switchTo().frame(frame);
				assertThat(driver.findElement(By.tagName("body")).getText()).contains("Hello First1 Last1");
				driver.switchTo().defaultContent();
				assertThat(driver.findElement(By.id("text")).getText()).contains("Hello First1 Last1")
					.contains("winter sale <https://shop.example.com/sale?c=>")
					.doesNotContain("<p>");
				browser.screenshot("proof");

				driver.get(url("/deliveries"));
				browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries"), label));
				browser.screenshot("deliveries");
			}
			catch (RuntimeException | AssertionError ex) {
				browser.screenshot("deployment-page-failed");
				throw ex;
			}
		}
	}

	@Test
	void onlyStartersSeeConfirmAndCancel() throws Exception {
		String id = this.flow.as("preparer")
			.post("/api/deliveries", delivery().with("approvalMode", "AUTOMATIC").body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);

		try (Browser browser = Browser.open()) {
			WebDriver driver = browser.driver();
			driver.get(url("/login?next=/deliveries/" + id));
			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
			driver.findElement(By.id("username")).sendKeys("preparer");
			driver.findElement(By.id("password")).sendKeys("wrong");
			driver.findElement(By.id("log-in")).click();
			// the engine delays the next login of a user after a wrong password: the page
			// says so, and for how long
			browser.waiting()
				.until(ExpectedConditions.textMatches(By.id("error"), Pattern.compile(
						"Wrong user or password, or a login too soon after a wrong one: this user's logins are refused "
								+ "for [1-3] s more, whatever the password\\. Wait, then try again\\.")));
			await().atMost(Duration.ofSeconds(30)).until(() -> loginDelayOver("preparer"));
			driver.findElement(By.id("username")).sendKeys("preparer");
			driver.findElement(By.id("password")).sendKeys("preparer");
			driver.findElement(By.id("log-in")).click();
			browser.waiting().until(ExpectedConditions.textToBe(By.id("current-user"), "preparer"));
			browser.waiting().until((d) -> "AWAITING_CONFIRMATION".equals(status(d)));
			assertThat(driver.findElement(By.id("confirm-send")).isDisplayed()).isFalse();
			assertThat(driver.findElement(By.id("cancel")).isDisplayed()).isFalse();
			assertThat(driver.findElement(By.id("compute-stats")).isDisplayed()).isTrue();

			driver.findElement(By.id("logout")).click();
			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
			driver.get(url("/deliveries/" + id));
			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
		}
		assertThat(this.flow.status(id)).isEqualTo("AWAITING_CONFIRMATION");
	}

	@Test
	void startersPauseAndResumeFromThePage() throws Exception {
		String id = this.flow.as("preparer")
			.post("/api/deliveries",
					delivery().with("approvalMode", "AUTOMATIC")
						.with("contactDate", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString())
						.body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);
		this.flow.as("starter").post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));

		try (Browser browser = Browser.open()) {
			WebDriver driver = browser.driver();
			driver.get(url("/login?next=/deliveries/" + id));
			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
			driver.findElement(By.id("username")).sendKeys("starter");
			driver.findElement(By.id("password")).sendKeys("starter");
			driver.findElement(By.id("log-in")).click();
			browser.waiting().until((d) -> "SCHEDULED".equals(status(d)));
			assertThat(driver.findElement(By.id("resume")).isDisplayed()).isFalse();

			browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("pause"))).click();
			browser.waiting().until((d) -> "PAUSED".equals(status(d)));
			assertThat(this.flow.status(id)).isEqualTo("PAUSED");
			browser.waiting()
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-reason"), "Paused by starter"));
			assertThat(driver.findElement(By.id("pause")).isDisplayed()).isFalse();

			browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("resume"))).click();
			browser.waiting().until((d) -> "SCHEDULED".equals(status(d)));

			// in the list: when it leaves, and no rate while nothing was sent
			driver.get(url("/deliveries?status=SCHEDULED"));
			By row = By.cssSelector("#deliveries tr[data-id='" + id + "']");
			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(row));
			assertThat(driver.findElement(row).getText()).contains("contact date ");
			assertThat(driver.findElement(row).findElement(By.cssSelector(".delivered-rate")).getText()).isEqualTo("—");
		}
		assertThat(this.flow.status(id)).isEqualTo("SCHEDULED");
	}

	@Test
	void theAddressLeadsToTheDeliveriesAndAFailedDeliverySaysWhy() throws Exception {
		String label = "Failed page " + UUID.randomUUID().toString().substring(0, 8);
		String id = this.flow.as("preparer")
			.post("/api/deliveries",
					delivery().with("label", label)
						.with("approvalMode", "AUTOMATIC")
						.with("recipients", freshRecipients(1))
						.with("html", "<p>Hello</p><a href=\"htp:/broken\">Unsubscribe</a>")
						.body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);
		assertThat(this.flow.status(id)).isEqualTo("FAILED");

		try (Browser browser = Browser.open()) {
			WebDriver driver = browser.driver();
			try {
				// the application's address: the deliveries, after the product's own
				// login
				driver.get(url("/"));
				browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
				assertThat(driver.getCurrentUrl()).contains("/login?next=%2Fdeliveries");
				driver.findElement(By.id("username")).sendKeys("starter");
				driver.findElement(By.id("password")).sendKeys("starter");
				driver.findElement(By.id("log-in")).click();
				browser.waiting().until(ExpectedConditions.textToBe(By.id("current-user"), "starter"));
				assertThat(driver.getCurrentUrl()).endsWith("/deliveries");
				browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries"), label));

				driver.get(url("/deliveries/" + id));
				browser.waiting().until((d) -> "FAILED".equals(status(d)));
				WebElement banner = browser.waiting()
					.until(ExpectedConditions.visibilityOfElementLocated(By.id("failed-banner")));
				assertThat(banner.getText()).startsWith("This delivery failed.")
					.contains("The link 'htp:/broken' is not a well-formed http(s) URL.");
				assertThat(tile(driver, "tile-to-deliver")).contains("none: the preparation failed")
					.doesNotContain("recipients after exclusions");
				assertThat(tile(driver, "tile-delivered")).contains("–")
					.contains("nothing was sent")
					.doesNotContain("%");
				assertThat(driver.findElement(By.id("progress-text")).getText()).startsWith("Nothing to process");
				browser.waiting()
					.until(ExpectedConditions.textToBePresentInElementLocated(By.id("findings"), "Nothing was sent"));
				assertThat(driver.findElement(By.id("findings")).getText()).contains("htp:/broken")
					.doesNotContain("recipients excluded");
				browser.screenshot("failed-delivery");

				// an id no delivery has, at the page's address or the file's own
				for (String path : List.of("/deliveries/nope", "/ui/delivery.html?id=nope")) {
					driver.get(url(path));
					browser.waiting()
						.until(ExpectedConditions.textToBe(By.id("not-found-title"), "No delivery with id “nope”"));
					WebElement back = driver.findElement(By.cssSelector("#not-found a"));
					assertThat(back.getDomAttribute("href")).isEqualTo("/deliveries");
					assertThat(back.isDisplayed()).isTrue();
					assertThat(driver.findElement(By.id("delivery")).isDisplayed()).isFalse();
				}
				browser.screenshot("unknown-delivery");
			}
			catch (RuntimeException | AssertionError ex) {
				browser.screenshot("failed-delivery-failed");
				throw ex;
			}
		}
	}

	private static List<String> texts(WebDriver driver, String selector) {
		return driver.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** Read in one step: the page redraws the badge on every refresh. */
	private static String status(WebDriver driver) {
		return (String) ((JavascriptExecutor) driver)
			.executeScript("const b = document.querySelector('#status .badge'); return b ? b.dataset.status : null;");
	}

	private static String tile(WebDriver driver, String id) {
		return driver.findElement(By.id(id)).getText();
	}

	/** As the page writes a rate: at most one decimal, a space, a percent sign. */
	private static String percent(JsonNode rate) {
		double value = Math.round(rate.asDouble() * 10) / 10.0;
		return ((value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value)) + " %";
	}

	/** Whether the engine takes the user's password again after a wrong one. */
	private boolean loginDelayOver(String userId) {
		UserEntity user = (UserEntity) this.identityService.createUserQuery().userId(userId).singleResult();
		Date lockedUntil = user.getLockExpirationTime();
		return lockedUntil == null || !lockedUntil.after(ClockUtil.getCurrentTime());
	}

}
