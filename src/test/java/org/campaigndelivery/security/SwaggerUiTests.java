package org.campaigndelivery.security;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.Browser;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI in a real browser, for a user logged in on the login page: "Try it out"
 * calls the API with the login session, reads and writes alike, while a script of the
 * same page that does not send the pages' header is still refused a write.
 */
@ApplicationTest
class SwaggerUiTests {

	@LocalServerPort
	int port;

	@Test
	void tryItOutWorksWithTheLoginSession() throws Exception {
		try (Browser browser = Browser.open()) {
			WebDriver driver = browser.driver();
			try {
				driver.get(url("/login?next=/swagger-ui/index.html"));
				browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
				driver.findElement(By.id("username")).sendKeys("demo");
				driver.findElement(By.id("password")).sendKeys("demo");
				driver.findElement(By.id("log-in")).click();

				assertThat(execute(browser, "operations-Users-getMe")).isEqualTo("200");
				assertThat(execute(browser, "operations-Deliveries-listDeliveries")).isEqualTo("200");
				// a write, with the operation's example body
				assertThat(execute(browser, "operations-Deliveries-createDelivery")).isEqualTo("201");

				Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
						const done = arguments[arguments.length - 1];
						fetch('/api/deliveries', {method: 'POST', headers: {'Content-Type': 'application/json'},
						  body: '{}'}).then((r) => done(r.status));""");
				assertThat(status).as("a write of the page without the header").isEqualTo(403L);
			}
			catch (RuntimeException | AssertionError ex) {
				browser.screenshot("swagger-ui");
				throw ex;
			}
		}
	}

	/**
	 * Expands the operation, tries it out as it is filled in, and reads the status shown.
	 */
	private static String execute(Browser browser, String operation) {
		WebElement block = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(operation)));
		block.findElement(By.cssSelector(".opblock-summary")).click();
		browser.waiting()
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + operation + " .try-out__btn")))
			.click();
		browser.waiting()
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + operation + " .execute")))
			.click();
		return browser.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(
					By.cssSelector("#" + operation + " .live-responses-table tbody .response-col_status")))
			.getText()
			.trim();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
