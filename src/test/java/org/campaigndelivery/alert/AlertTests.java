package org.campaigndelivery.alert;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Alerts raised by real deliveries (a preparation that fails, a validity period that ends
 * with too many failures, a send that stalls), each once whatever the repeats, listed for
 * starters and admins only, counted, and mailed to the configured recipients through the
 * MTA (GreenMail).
 */
@ApplicationTest
class AlertTests {

	private static final List<String> RECIPIENTS = List.of("ops@shop.example.com", "oncall@shop.example.com");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	Alerts alerts;

	@Autowired
	StalledDeliveries stalled;

	@Autowired
	DeliveryFlow flow;

	@Autowired
	TestClock clock;

	@Autowired
	MeterRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@BeforeEach
	void mailToOperators() {
		SwitchableAlertRecipients.mailTo(RECIPIENTS);
	}

	@AfterEach
	void reset() {
		this.clock.reset();
		SwitchableAlertRecipients.reset();
	}

	@Test
	void shouldRaiseAnAlertOnceAndMailAndCountItOnce() throws Exception {
		String id = created(delivery().with("label", "Spring sale"));
		double before = counted(AlertKind.AUTO_PAUSED);

		boolean first = this.alerts.raise(id, AlertKind.AUTO_PAUSED, "hard bounces 40 of 200 messages sent");
		boolean second = this.alerts.raise(id, AlertKind.AUTO_PAUSED, "hard bounces 41 of 206 messages sent");

		assertThat(first).isTrue();
		assertThat(second).as("raised already").isFalse();
		assertThat(this.jdbc.sql("select count(*) from alert where delivery_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(counted(AlertKind.AUTO_PAUSED) - before).isEqualTo(1);
		List<MimeMessage> mails = awaitMails(id, 1);
		MimeMessage mail = mails.get(0);
		assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
			.containsExactlyInAnyOrderElementsOf(RECIPIENTS);
		assertThat(mail.getFrom()[0]).hasToString("news@shop.example.com");
		assertThat(mail.getSubject()).contains("AUTO_PAUSED").contains("Spring sale").contains(id);
		assertThat(GreenMailUtil.getBody(mail)).contains("hard bounces 40 of 200 messages sent")
			.doesNotContain("41 of 206")
			.as("the link under delivery.tracking.base-url (the test profile's port 0)")
			.containsPattern("Deployment page: http://localhost:\\d+/deliveries/" + id);
		assertThat(Arrays.stream(smtp.getReceivedMessages()).filter((m) -> subject(m).contains(id)))
			.as("one message to each recipient, nothing more")
			.hasSize(RECIPIENTS.size());
	}

	@Test
	void shouldListAlertsNewestFirstToStartersAndAdminsOnly() {
		String older = created(delivery().with("label", "Older"));
		String newer = created(delivery().with("label", "Newer"));
		this.alerts.raise(older, AlertKind.STALLED, "first");
		this.clock.advance(Duration.ofSeconds(1));
		this.alerts.raise(newer, AlertKind.AUTO_PAUSED, "second");

		Api.Response listed = this.flow.as("starter").get("/api/alerts?size=1000");

		assertThat(listed.code()).as(listed.text()).isEqualTo(200);
		List<String> order = listed.json().findValuesAsText("deliveryId");
		assertThat(order).contains(newer, older);
		assertThat(order.indexOf(newer)).as("newest first").isLessThan(order.indexOf(older));
		JsonNode newest = listed.json().get(order.indexOf(newer));
		assertThat(newest.get("deliveryName").asText()).isEqualTo("Newer");
		assertThat(newest.get("kind").asText()).isEqualTo("AUTO_PAUSED");
		assertThat(newest.get("message").asText()).isEqualTo("second");
		assertThat(newest.get("raisedAt").asText()).isNotEmpty();
		assertThat(this.flow.as("starter").get("/api/alerts?deliveryId=" + older).json().findValuesAsText("kind"))
			.containsExactly("STALLED");
		assertThat(this.flow.as("demo").get("/api/alerts?size=1").code()).as("an admin (and starter)").isEqualTo(200);
		assertThat(this.flow.as("approver").get("/api/alerts").code()).isEqualTo(403);
		assertThat(this.flow.as("preparer").get("/api/alerts").code()).isEqualTo(403);
		assertThat(new Api(this.rest, this.objectMapper, null).get("/api/alerts").code()).isEqualTo(401);
		Api.Response badPage = this.flow.as("starter").get("/api/alerts?page=-1");
		assertThat(badPage.code()).isEqualTo(400);
		assertThat(badPage.headers().getContentType()).hasToString("application/problem+json");
		assertThat(badPage.json().get("errors").findValuesAsText("field")).containsExactly("page");
	}

	@Test
	void shouldAlertADeliveryWhosePreparationFails() throws Exception {
		String id = created(delivery().with("recipients", List.of(Map.of("email", "not-an-address"))));

		this.flow.runJobs(id);

		assertThat(this.flow.status(id)).isEqualTo("FAILED");
		JsonNode alert = onlyAlert(id);
		assertThat(alert.get("kind").asText()).isEqualTo("FAILED");
		assertThat(alert.get("message").asText()).startsWith("preparation found errors, nothing was sent: ");
		assertThat(awaitMails(id, 1).get(0).getSubject()).contains("FAILED");
	}

	@Test
	void shouldAlertAValidityPeriodThatEndsWithMoreFailedThanTheFailedRate() throws Exception {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(3);
		String over = this.flow.relay(delivery().with("recipients", recipients));
		String within = this.flow.relay(delivery().with("recipients", DeliveryRequests.freshRecipients(3)));
		this.flow.event(over, DeliveryRequests.email(recipients, 1), "HARD_BOUNCE", "550 5.1.1 User unknown");

		this.flow.endValidity(over);
		this.flow.endValidity(within);

		assertThat(this.flow.status(over)).isEqualTo("FINISHED");
		assertThat(this.flow.status(within)).isEqualTo("FINISHED");
		JsonNode alert = onlyAlert(over);
		assertThat(alert.get("kind").asText()).isEqualTo("VALIDITY_ENDED");
		assertThat(alert.get("message").asText())
			.isEqualTo("failed 1 of 3 messages (33.33 %) at the end of the validity period, over the limit of 10 %");
		assertThat(this.flow.as("starter").get("/api/alerts?deliveryId=" + within).json()).as("none failed").isEmpty();
		assertThat(awaitMails(over, 1).get(0).getSubject()).contains("VALIDITY_ENDED");
	}

	@Test
	void shouldAlertASendingDeliveryWhoseLanesRelayNothingOnce() throws Exception {
		String id = created(delivery().with("approvalMode", "AUTOMATIC"));
		this.flow.runJobs(id);
		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		// the send starts; its lanes' jobs never run, as when the MTA is down
		this.flow.runOneJob(this.flow.processInstanceId(id), "Task_StartSending");
		assertThat(this.flow.status(id)).isEqualTo("SENDING");
		this.stalled.check();
		assertThat(this.flow.as("starter").get("/api/alerts?deliveryId=" + id).json()).as("just started").isEmpty();

		this.clock.advance(Duration.ofMinutes(31));
		this.stalled.check();
		this.stalled.check();

		JsonNode alert = onlyAlert(id);
		assertThat(alert.get("kind").asText()).isEqualTo("STALLED");
		assertThat(alert.get("message").asText()).startsWith("sending, but no message relayed since ");
		assertThat(awaitMails(id, 1).get(0).getSubject()).contains("STALLED");
	}

	String created(DeliveryRequests request) {
		Api.Response created = this.flow.as("preparer").post("/api/deliveries", request.body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		return created.json().get("id").asText();
	}

	private JsonNode onlyAlert(String deliveryId) {
		JsonNode alerts = this.flow.as("starter").get("/api/alerts?deliveryId=" + deliveryId).json();
		assertThat(alerts).hasSize(1);
		return alerts.get(0);
	}

	private double counted(AlertKind kind) {
		return this.registry.get("delivery.alerts").tag("kind", kind.name()).counter().count();
	}

	/**
	 * The alert mails about the delivery, one per alert (GreenMail keeps one per
	 * recipient).
	 */
	private List<MimeMessage> awaitMails(String deliveryId, int alerts) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> Arrays.stream(smtp.getReceivedMessages())
				.filter((m) -> subject(m).startsWith("Alert ") && subject(m).contains(deliveryId))
				.count() >= (long) alerts * RECIPIENTS.size());
		return Arrays.stream(smtp.getReceivedMessagesForDomain("ops@shop.example.com"))
			.filter((m) -> subject(m).startsWith("Alert ") && subject(m).contains(deliveryId))
			.toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
