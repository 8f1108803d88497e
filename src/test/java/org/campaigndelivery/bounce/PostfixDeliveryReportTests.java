package org.campaigndelivery.bounce;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.PrivatePostfix;
import org.campaigndelivery.support.RefusingSmtpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * The relay through a real Postfix, whose own reports come back through the pipe the docs
 * describe: Postfix takes every message, tries the remote mailbox server, and mails its
 * delivery status notifications to the message's VERP envelope sender, which its pipe
 * posts to /api/mta/dsn. Real timing: Postfix retries every second, warns after 3 s and
 * gives up after 12 s.
 */
@ApplicationTest
class PostfixDeliveryReportTests {

	private static final int POSTFIX_PORT = PrivatePostfix.freePort();

	private static final int REMOTE_PORT = PrivatePostfix.freePort();

	private static final Duration QUEUE_LIFETIME = Duration.ofSeconds(12);

	private static RefusingSmtpServer remote;

	private static PrivatePostfix postfix;

	@Autowired
	DeliveryFlow flow;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void relayThroughPostfix(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> POSTFIX_PORT);
	}

	@BeforeAll
	static void startRemote() throws Exception {
		PrivatePostfix.assumeAvailable();
		remote = new RefusingSmtpServer(REMOTE_PORT);
	}

	@BeforeEach
	void startPostfix() {
		if (postfix == null) {
			postfix = PrivatePostfix.start(POSTFIX_PORT, REMOTE_PORT, "http://127.0.0.1:" + this.port + "/api/mta/dsn",
					"mta:mta", Duration.ofSeconds(3), QUEUE_LIFETIME);
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (postfix != null) {
			postfix.close();
			postfix = null;
		}
		if (remote != null) {
			remote.close();
		}
	}

	@Test
	void anUnknownUserBouncedAfterPostfixTookTheMessageFailsTheLog() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(2);
		String unknown = DeliveryRequests.email(recipients, 1);
		remote.refuse(unknown, "550 5.1.1 <" + unknown + ">: Recipient address rejected: User unknown");

		String id = this.flow.relay(delivery().with("recipients", recipients));

		awaitLog(id, unknown, (log) -> log.get("status").asText().equals("FAILED"));
		this.flow.assertLog(id, unknown, "FAILED", "HARD", "USER_UNKNOWN");
		this.flow.assertLog(id, DeliveryRequests.email(recipients, 2), "SENT", null, null);
		assertThat(this.flow.rates(id)).containsExactly(50.0, 50.0);
	}

	@Test
	void aDeferredMailboxGetsItsWarningNothingIsResentAndItHoldsExactlyOneCopyOnceItAccepts() throws Exception {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String full = DeliveryRequests.email(recipients, 1);
		remote.refuse(full, "452 4.2.2 Mailbox full");

		String id = this.flow.relay(delivery().with("recipients", recipients));
		JsonNode warned = awaitLog(id, full, (log) -> log.hasNonNull("delayed"));

		assertThat(warned.get("delayed").get("notice").asText()).contains("4.2.2");
		this.flow.assertLog(id, full, "SENT", null, null);
		this.flow.retryWave(id);
		assertThat(this.flow.log(id, full).get("attempts").asInt()).as("relayed again by the retry wave").isEqualTo(1);

		remote.acceptAgain(full);
		postfix.flush();
		await().atMost(Duration.ofSeconds(20)).until(() -> remote.accepted().contains(full));
		// Postfix retries every second: a second copy would come within three
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> remote.accepted().stream().filter(full::equals).count() == 1);

		assertThat(remote.accepted().stream().filter(full::equals)).as(postfix.log()).hasSize(1);
		this.flow.assertLog(id, full, "SENT", null, null);
		assertThat(this.flow.rates(id)).containsExactly(100.0, 0.0);
	}

	@Test
	void aMailboxThatNeverAcceptsIsRetriedAfterPostfixGivesUpAndFailsWhenTheValidityPeriodEnds() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String never = DeliveryRequests.email(recipients, 1);
		remote.refuse(never, "452 4.2.2 Mailbox full");

		String id = this.flow.relay(delivery().with("recipients", recipients));

		JsonNode gaveUp = awaitLog(id, never, (log) -> "SOFT".equals(log.path("failureType").asText(null)));
		assertThat(gaveUp.get("status").asText()).isEqualTo("SENT");
		assertThat(gaveUp.get("failureReason").asText()).isEqualTo("MAILBOX_FULL");
		this.flow.endValidity(id);
		this.flow.assertLog(id, never, "FAILED", "SOFT", "MAILBOX_FULL");
		assertThat(this.flow.rates(id)).containsExactly(0.0, 100.0);
	}

	@Test
	void successReportsMoveEveryLogOfADeliveryWithTheFeedbackServiceToSent() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(3);

		String id = this.flow.relay(delivery().with("recipients", recipients).with("emailFeedbackService", true));

		for (int i = 1; i <= 3; i++) {
			awaitLog(id, DeliveryRequests.email(recipients, i), (log) -> log.get("status").asText().equals("SENT"));
		}
		assertThat(this.flow.rates(id)).containsExactly(100.0, 0.0);
		JsonNode notices = this.flow.as("preparer").get("/api/deliveries/" + id + "/preparation").json().get("notices");
		assertThat(notices).as("Postfix takes DSN requests: nothing to warn about").isEmpty();
	}

	private JsonNode awaitLog(String deliveryId, String recipient, Predicate<JsonNode> condition) {
		try {
			return await().atMost(QUEUE_LIFETIME.plusSeconds(20))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> this.flow.log(deliveryId, recipient), condition::test);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("The log of " + recipient + " is " + this.flow.log(deliveryId, recipient)
					+ "; Postfix logged:\n" + postfix.log(), ex);
		}
	}

}
