package org.campaigndelivery.workflow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.DeliveryStatus;
import org.campaigndelivery.security.CurrentUser;
import org.campaigndelivery.security.Roles;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.Browser;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.Jobs;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;
import static org.campaigndelivery.support.DeliveryRequests.freshRecipients;

/**
 * Camunda Tasklist in a real browser: each role logs in and works its task through the
 * delivery's forms.
 */
@ApplicationTest
class TasklistTests {

	private static final Pattern KEY = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@LocalServerPort
	int port;

	@Autowired
	DeliveryService deliveries;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	Jobs jobs;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	DeliveryFlow flow;

	@Test
	void shouldLetTheApproverApproveAndTheStarterConfirmInTasklist() throws Exception {
		String label = "Tasklist check " + UUID.randomUUID().toString().substring(0, 8);
		// a contact date already past: both forms warn that it sends at once
		String past = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0).toString();
		String id = this.deliveries.create(this.objectMapper.valueToTree(delivery().with("label", label)
			.with("html", "<p>Hello {{firstName}}</p>")
			.with("contactDate", past)
			.with("recipients", freshRecipients(3))
			.body()), new CurrentUser("preparer", Set.of(Roles.PREPARERS))).id();
		this.jobs.runDue(processInstanceId(id));

		try (Browser browser = Browser.open()) {
			work(browser, "approver", "Delivery approvals", id, label, "Approve");
			assertThat(this.deliveries.get(id).status()).isEqualTo(DeliveryStatus.AWAITING_CONFIRMATION);
			logout(browser);

			work(browser, "starter", "Send confirmations", id, label, "Send the delivery");
		}

		assertThat(this.jobs.runDue(processInstanceId(id))).isPositive();
		assertThat(this.deliveries.get(id).status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(smtp.getReceivedMessages()).hasSize(3);
	}

	@Test
	void shouldLetTheStarterResumeADeliveryTheGuardPausedFromTasklist() throws Exception {
		String label = "Paused check " + UUID.randomUUID().toString().substring(0, 8);
		String id = this.flow.as("preparer")
			.post("/api/deliveries",
					delivery().with("label", label)
						.with("approvalMode", "AUTOMATIC")
						.with("recipients", freshRecipients(12))
						.with("guard", Map.of("minimumSample", 3, "maxComplaintRate", 5))
						.body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);
		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		String instance = this.flow.processInstanceId(id);
		this.flow.runOneJob(instance, "Task_StartSending");
		// a lane at a time until one relayed something: which lane holds the first
		// recipients depends on how many were prepared before
		JsonNode relayed = this.flow.as("preparer").get("/api/deliveries/" + id + "/logs?status=SENT&size=1").json();
		for (int batch = 0; relayed.isEmpty() && batch < 8; batch++) {
			this.flow.runOneJob(instance, "Task_SendBatch");
			relayed = this.flow.as("preparer").get("/api/deliveries/" + id + "/logs?status=SENT&size=1").json();
		}
		String messageId = relayed.get(0).get("messageId").asText();
		assertThat(this.flow.as("mta")
			.post("/api/mta/events", List.of(Map.of("messageId", messageId, "type", "COMPLAINT")))
			.code()).isEqualTo(202);
		this.flow.runJobs(id);
		assertThat(this.deliveries.get(id).status()).isEqualTo(DeliveryStatus.PAUSED);

		try (Browser browser = Browser.open()) {
			WebDriver driver = browser.driver();
			try {
				open(browser, "starter", "Paused deliveries", label);
				browser.waiting()
					.until(ExpectedConditions
						.presenceOfElementLocated(By.cssSelector("a[href='/deliveries/" + id + "/proof']")));
				WebElement form = driver.findElement(By.cssSelector(".fjs-form"));
				browser.screenshot("starter-review");
				assertThat(form.getText()).contains(label)
					.contains("Why it paused Paused by the reputation guard at ")
					.contains("complaints 1 of ")
					.contains("Complaints 1")
					.contains("Top failure reasons none");
				click(driver, browser.waiting()
					.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
							"//label[normalize-space()='Resume: relay the rest (the guard then leaves this delivery alone)']"))));
				click(driver,
						browser.waiting()
							.until(ExpectedConditions
								.elementToBeClickable(By.xpath("//button[normalize-space()='Complete']"))));
				browser.waiting()
					.until(ExpectedConditions
						.invisibilityOfElementLocated(By.xpath("//*[@uib-tooltip='" + label + "']")));
			}
			catch (RuntimeException ex) {
				browser.screenshot("starter-review-failed");
				throw ex;
			}
		}

		assertThat(this.deliveries.get(id).status()).isEqualTo(DeliveryStatus.SENDING);
		this.flow.runJobs(id);
		assertThat(this.deliveries.get(id).status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(smtp.getReceivedMessages()).hasSize(12);
	}

	/**
	 * Logs in, opens the filter and claims the task whose Delivery column shows the
	 * label.
	 */
	private void open(Browser browser, String user, String filter, String label) {
		WebDriver driver = browser.driver();
		driver.get("http://localhost:" + this.port + "/camunda/app/tasklist/default/");
		browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
		driver.findElement(By.cssSelector("input[autocomplete=username], input[ng-model=username]")).sendKeys(user);
		driver.findElement(By.cssSelector("input[type=password]")).sendKeys(user);
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(text(filter)))).click();
		browser.waiting()
			.until(ExpectedConditions
				.elementToBeClickable(By.xpath("(//*[@uib-tooltip='" + label + "']/ancestor::li[1]//a)[1]")))
			.click();
		WebElement claim = browser.waiting()
			.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']")));
		browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form"),
					"Claim this task (top right) to fill in the form"));
		claim.click();
	}

	private void work(Browser browser, String user, String filter, String deliveryId, String label, String decision) {
		WebDriver driver = browser.driver();
		try {
			driver.get("http://localhost:" + this.port + "/camunda/app/tasklist/default/");
			browser.waiting()
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
			driver.findElement(By.cssSelector("input[autocomplete=username], input[ng-model=username]")).sendKeys(user);
			driver.findElement(By.cssSelector("input[type=password]")).sendKeys(user);
			driver.findElement(By.cssSelector("button[type=submit]")).click();

			browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(text(filter)))).click();
			// the product's name, and no end-of-life banner over every page
			assertThat(driver.getTitle()).contains("campaign-delivery").doesNotContain("Camunda");
			assertThat(driver.findElements(By.cssSelector(".ce-eol-banner")))
				.allSatisfy((banner) -> assertThat(banner.isDisplayed()).isFalse());
			// the task whose Delivery column shows our label
			browser.waiting()
				.until(ExpectedConditions
					.elementToBeClickable(By.xpath("(//*[@uib-tooltip='" + label + "']/ancestor::li[1]//a)[1]")))
				.click();
			WebElement claim = browser.waiting()
				.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']")));
			// until claimed the form is greyed out: it says why, first
			browser.waiting()
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form"),
						"Claim this task (top right) to fill in the form"));
			claim.click();
			// the summary as text, the proof one click away, the decision the only input
			WebElement proof = browser.waiting()
				.until(ExpectedConditions
					.presenceOfElementLocated(By.cssSelector("a[href='/deliveries/" + deliveryId + "/proof']")));
			assertThat(proof.getDomAttribute("target")).isEqualTo("_blank");
			WebElement form = driver.findElement(By.cssSelector(".fjs-form"));
			assertThat(untranslatedKeys(driver)).as("Tasklist's labels, none left as its translation key").isEmpty();
			browser.screenshot(user + "-summary");
			assertThat(form.getText()).contains("To deliver 3")
				.contains("Warnings")
				.contains(label)
				.doesNotContain("⚠");
			assertThat(form.findElements(By.cssSelector("li"))).as("the warnings as a list")
				.anySatisfy((item) -> assertThat(item.getText()).contains("no unsubscribe link"))
				.anySatisfy((item) -> assertThat(item.getText()).contains("is in the past")
					.contains("sent as soon as it is confirmed"));
			assertThat(form.findElements(By.cssSelector("input[type=number], input[disabled], textarea[disabled]")))
				.as("read-only fields shown as inputs")
				.isEmpty();
			WebElement option = browser.waiting()
				.until(ExpectedConditions
					.presenceOfElementLocated(By.xpath("//label[normalize-space()='" + decision + "']")));
			click(driver, option);
			browser.screenshot(user + "-form");
			click(driver, browser.waiting()
				.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Complete']"))));
			browser.waiting()
				.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//*[@uib-tooltip='" + label + "']")));
		}
		catch (RuntimeException ex) {
			browser.screenshot(user + "-failed");
			throw ex;
		}
	}

	/**
	 * Scrolls the element into the middle of the view first: Tasklist's footer covers the
	 * bottom of a form.
	 */
	private static void click(WebDriver driver, WebElement element) {
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		element.click();
	}

	/**
	 * What the page shows, its placeholders included, that reads like a translation key
	 * (CREATION_DATE, SEARCH_PLACEHOLDER) rather than a label.
	 */
	private static List<String> untranslatedKeys(WebDriver driver) {
		String shown = (String) ((JavascriptExecutor) driver)
			.executeScript("return document.body.innerText + '\\n' + [...document.querySelectorAll('[placeholder]')]"
					+ ".map((e) => e.getAttribute('placeholder')).join('\\n');");
		return KEY.matcher(shown).results().map(MatchResult::group).toList();
	}

	private void logout(Browser browser) {
		browser.driver().manage().deleteAllCookies();
	}

	private static String text(String text) {
		return "//*[normalize-space(text())='" + text + "']";
	}

	private String processInstanceId(String deliveryId) {
		return this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(deliveryId)
			.singleResult()
			.getId();
	}

}
