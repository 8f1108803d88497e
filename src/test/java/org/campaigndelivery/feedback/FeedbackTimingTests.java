package org.campaigndelivery.feedback;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * An MTA that reports each message the moment it has it: the events reach the application
 * while the lane that relayed the message has not recorded the relay yet, and each must
 * move its log exactly as if it had come later.
 */
@ApplicationTest
class FeedbackTimingTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final int RECIPIENTS = 600;

	private static final String MAILBOX_FULL = "452 4.2.2 Mailbox full";

	@Autowired
	DeliveryFlow flow;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shouldApplyEveryDeliveredEventPostedBeforeTheRelayIsRecorded() {
		AtomicInteger parked = new AtomicInteger();
		// Posted while the SMTP transaction is still open: the lane cannot have recorded
		// the relay yet.
		reportEachMessage((recipient, messageId) -> {
			JsonNode receipt = post(event(messageId, "DELIVERED", null, now()));
			parked.addAndGet(receipt.get("parked").asInt());
		});

		String id = this.flow.relay(manyRecipients().with("emailFeedbackService", true));

		assertThat(parked.get()).as("events that came before their relay was recorded").isEqualTo(RECIPIENTS);
		assertEveryLog(id, "SENT");
		assertThat(this.flow.rates(id)).containsExactly(100.0, 0.0);
	}

	@Test
	void shouldApplyEveryDeliveredEventPostedFromAnotherThreadWhileTheLanesRelay() throws Exception {
		BlockingQueue<Map<String, Object>> reported = new LinkedBlockingQueue<>();
		reportEachMessage((recipient, messageId) -> {
			reported.add(event(messageId, "DELIVERED", null, now()));
		});
		AtomicInteger posted = new AtomicInteger();
		Thread mta = new Thread(() -> {
			try {
				while (posted.get() < RECIPIENTS) {
					List<Map<String, Object>> batch = new ArrayList<>();
					batch.add(reported.take());
					reported.drainTo(batch);
					post(batch.toArray(Map[]::new));
					posted.addAndGet(batch.size());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "mta-feedback");
		mta.start();

		String id = this.flow.relay(manyRecipients().with("emailFeedbackService", true));
		mta.join(TimeUnit.SECONDS.toMillis(60));

		assertThat(posted.get()).isEqualTo(RECIPIENTS);
		assertEveryLog(id, "SENT");
		assertThat(this.flow.rates(id)).containsExactly(100.0, 0.0);
	}

	@Test
	void shouldRetryAMessageThatSoftBouncesTheMomentItIsRelayedUntilItFailsWithoutFeedbackService() {
		String ann = "ann-" + UUID.randomUUID() + "@example.com";
		String bea = "bea-" + UUID.randomUUID() + "@example.com";
		AtomicInteger bounces = new AtomicInteger();
		// Stamped with whole seconds, as DSNs are: earlier than the attempt's own time.
		// The
		// retry waves follow each other within a second here, so each report names its
		// queue id, as an MTA's does, lest two attempts' reports be one event.
		reportEachMessage((recipient, messageId) -> {
			if (recipient.equals(ann)) {
				Map<String, Object> bounce = event(messageId, "SOFT_BOUNCE", MAILBOX_FULL,
						now().truncatedTo(ChronoUnit.SECONDS));
				bounce.put("diagnostic", "queue id " + bounces.incrementAndGet());
				post(bounce);
			}
		});

		String id = this.flow.relay(delivery().with("recipients", List.of(Map.of("email", ann), Map.of("email", bea))));
		this.flow.assertLog(id, ann, "SENT", "SOFT", "MAILBOX_FULL");
		this.flow.retryWave(id);
		this.flow.retryWave(id);
		this.flow.assertLog(id, ann, "SENT", "SOFT", "MAILBOX_FULL");
		assertThat(this.flow.rates(id)).containsExactly(100.0, 0.0);
		this.flow.endValidity(id);

		assertThat(bounces.get()).as("attempts").isEqualTo(3);
		this.flow.assertLog(id, ann, "FAILED", "SOFT", "MAILBOX_FULL");
		this.flow.assertLog(id, bea, "SENT", null, null);
		assertThat(this.flow.rates(id)).containsExactly(50.0, 50.0);
	}

	@Test
	void shouldCountARetryDeliveredTheMomentItIsRelayedWithFeedbackService() {
		String ann = "ann-" + UUID.randomUUID() + "@example.com";
		AtomicInteger attempts = new AtomicInteger();
		reportEachMessage((recipient, messageId) -> {
			OffsetDateTime second = now().truncatedTo(ChronoUnit.SECONDS);
			post((attempts.incrementAndGet() == 1) ? event(messageId, "SOFT_BOUNCE", MAILBOX_FULL, second)
					: event(messageId, "DELIVERED", null, second));
		});

		String id = this.flow
			.relay(delivery().with("emailFeedbackService", true).with("recipients", List.of(Map.of("email", ann))));
		this.flow.assertLog(id, ann, "FAILED", "SOFT", "MAILBOX_FULL");
		assertThat(this.flow.rates(id)).containsExactly(0.0, 100.0);
		this.flow.retryWave(id);

		this.flow.assertLog(id, ann, "SENT", null, null);
		assertThat(this.flow.rates(id)).containsExactly(100.0, 0.0);
	}

	@Test
	void shouldKeepAnEventAboutAQueuedMessageVisibleUntilItsRelayAppliesIt() {
		String ann = "ann-" + UUID.randomUUID() + "@example.com";
		Api.Response created = this.flow.as("preparer")
			.post("/api/deliveries",
					delivery().with("approvalMode", "AUTOMATIC")
						.with("emailFeedbackService", true)
						.with("recipients", List.of(Map.of("email", ann)))
						.body());
		String id = created.json().get("id").asText();
		this.flow.runJobs(id);
		long logId = this.jdbc.sql("select id from sending_log where delivery_id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		String messageId = MessageIds.of(logId, id, "news@shop.example.com");
		String unknown = "<" + UUID.randomUUID() + "@elsewhere.example.com>";

		// Reported before the send is even confirmed: as when a relay broke after the MTA
		// had taken the message, and the lane has yet to relay it again.
		JsonNode receipt = post(event(messageId, "DELIVERED", null, now()), event(unknown, "DELIVERED", null, now()));
		assertThat(receipt.get("parked").asInt()).isEqualTo(1);
		assertThat(receipt.get("unknown").asInt()).isEqualTo(1);
		assertThat(kept("PARKED")).contains(messageId);
		assertThat(kept("UNKNOWN_MESSAGE")).contains(unknown).doesNotContain(messageId);
		this.flow.assertLog(id, ann, "PENDING", null, null);

		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		this.flow.runJobs(id);

		this.flow.assertLog(id, ann, "SENT", null, null);
		assertThat(this.flow.rates(id)).containsExactly(100.0, 0.0);
		assertThat(kept("PARKED")).doesNotContain(messageId);
		assertThat(kept(null)).contains(unknown);
	}

	@Test
	void shouldFindTheLogOfAMessageIdReportedWithoutAngleBrackets() {
		String ann = "ann-" + UUID.randomUUID() + "@example.com";
		String id = this.flow
			.relay(delivery().with("emailFeedbackService", true).with("recipients", List.of(Map.of("email", ann))));
		String messageId = this.flow.log(id, ann).get("messageId").asText();

		JsonNode receipt = post(event(messageId.substring(1, messageId.length() - 1), "DELIVERED", null, now()));

		assertThat(receipt.get("accepted").asInt()).isEqualTo(1);
		this.flow.assertLog(id, ann, "SENT", null, null);
	}

	private List<String> kept(String outcome) {
		Api.Response response = this.flow.as("demo")
			.get("/api/mta/events?size=1000" + ((outcome != null) ? "&outcome=" + outcome : ""));
		assertThat(response.code()).as(response.text()).isEqualTo(200);
		List<String> messageIds = new ArrayList<>();
		response.json().forEach(e -> messageIds.add(e.get("messageId").asText()));
		return messageIds;
	}

	/**
	 * Calls the reporter with each message's recipient and Message-ID once the SMTP
	 * server has stored it, before it answers the client.
	 */
	private static void reportEachMessage(BiConsumer<String, String> reporter) {
		UserManager users = smtp.getUserManager();
		MessageDeliveryHandler store = users.getMessageDeliveryHandler();
		users.setMessageDeliveryHandler((message, address) -> {
			var user = store.handle(message, address);
			MimeMessage mime = message.getMessage();
			reporter.accept(address.getEmail(), mime.getMessageID());
			return user;
		});
	}

	private DeliveryRequests manyRecipients() {
		List<Map<String, Object>> recipients = new ArrayList<>();
		for (int i = 0; i < RECIPIENTS; i++) {
			String email = "r" + i + "-" + UUID.randomUUID() + "@example.com";
			// Mailboxes made up front: GreenMail making them as messages arrive has once
			// refused one as already existing.
			smtp.setUser(email, email, "secret");
			recipients.add(Map.of("email", email));
		}
		return delivery().with("recipients", recipients);
	}

	private JsonNode post(Map<?, ?>... events) {
		Api.Response response = this.flow.as("mta").post("/api/mta/events", List.of(events));
		assertThat(response.code()).as(response.text()).isEqualTo(202);
		return response.json();
	}

	private void assertEveryLog(String id, String status) {
		JsonNode logs = this.flow.as("preparer").get("/api/deliveries/" + id + "/logs?size=" + RECIPIENTS).json();
		assertThat(logs).hasSize(RECIPIENTS);
		assertThat(logs).allSatisfy(log -> assertThat(log.get("status").asText()).isEqualTo(status));
	}

	private static Map<String, Object> event(String messageId, String type, String smtpStatus, OffsetDateTime at) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("messageId", messageId);
		event.put("type", type);
		if (smtpStatus != null) {
			event.put("smtpStatus", smtpStatus);
		}
		event.put("at", at.toString());
		return event;
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
