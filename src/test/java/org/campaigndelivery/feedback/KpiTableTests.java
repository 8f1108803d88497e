package org.campaigndelivery.feedback;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * docs/domain.md's two tables, row by row, through /api and the engine: each test takes
 * two recipients through the row's steps and checks the log's status, failure type and
 * reason, and both rates after each step. The rates are read from the counters after
 * checking that Compute stats recounts the same.
 */
@ApplicationTest
class KpiTableTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	// Fresh addresses for every test: a bounce quarantines its address for the deliveries
	// that follow.
	private final String ann = "ann-" + UUID.randomUUID() + "@example.com";

	private final String bea = "bea-" + UUID.randomUUID() + "@example.com";

	private static final String USER_UNKNOWN = "550 5.1.1 User unknown";

	private static final String MAILBOX_FULL = "452 4.2.2 Mailbox full";

	@Autowired
	DeliveryFlow flow;

	// Without the Email Feedback Service

	@Test
	void relayedMessageIsSentAndDeliveredStartsAtOneHundredWithoutFeedbackService() {
		String id = relay(false);

		this.flow.assertLog(id, ann, "SENT", null, null);
		this.flow.assertLog(id, bea, "SENT", null, null);
		assertRates(id, 100, 0);
		assertThat(smtp.getReceivedMessages()).hasSize(2);
	}

	@Test
	void hardBounceFailsTheMessageAndMovesBothRatesWithoutFeedbackService() {
		String id = relay(false);

		this.flow.event(id, ann, "HARD_BOUNCE", USER_UNKNOWN);

		this.flow.assertLog(id, ann, "FAILED", "HARD", "USER_UNKNOWN");
		assertRates(id, 50, 50);
		JsonNode kpis = this.flow.as("preparer").get("/api/deliveries/" + id).json().get("kpis");
		assertThat(kpis.get("hardBounces").asInt()).isEqualTo(1);
		assertThat(kpis.get("hardBounceRate").asDouble()).isEqualTo(50.0);
	}

	@Test
	void softBounceChangesNothingButTheRetryWithoutFeedbackService() {
		String id = relay(false);

		this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);

		this.flow.assertLog(id, ann, "SENT", "SOFT", "MAILBOX_FULL");
		assertRates(id, 100, 0);
	}

	@Test
	void retryThatDrawsNoNewBounceIsASuccessWithoutFeedbackService() {
		String id = relay(false);
		this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);

		this.flow.retryWave(id);

		assertThat(smtp.getReceivedMessages()).hasSize(3);
		assertThat(this.flow.log(id, ann).get("attempts").asInt()).isEqualTo(2);
		this.flow.assertLog(id, ann, "SENT", "SOFT", "MAILBOX_FULL");
		assertRates(id, 100, 0);

		this.flow.endValidity(id);

		this.flow.assertLog(id, ann, "SENT", "SOFT", "MAILBOX_FULL");
		assertRates(id, 100, 0);
		assertThat(this.flow.status(id)).isEqualTo("FINISHED");
	}

	@Test
	void retriesThatFailUntilTheValidityEndsFailTheMessageWithoutFeedbackService() {
		String id = relay(false);
		this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		this.flow.retryWave(id);
		this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		assertRates(id, 100, 0);

		this.flow.endValidity(id);

		this.flow.assertLog(id, ann, "FAILED", "SOFT", "MAILBOX_FULL");
		assertRates(id, 50, 50);
		assertThat(this.flow.status(id)).isEqualTo("FINISHED");
	}

	// With the Email Feedback Service

	@Test
	void relayedMessageIsPendingAndDeliveredStartsAtZeroWithFeedbackService() {
		String id = relay(true);

		this.flow.assertLog(id, ann, "PENDING", null, null);
		this.flow.assertLog(id, bea, "PENDING", null, null);
		assertRates(id, 0, 0);
	}

	@Test
	void deliveredReportMakesTheMessageSentWithFeedbackService() {
		String id = relay(true);

		this.flow.event(id, ann, "DELIVERED", "250 2.0.0 OK");

		this.flow.assertLog(id, ann, "SENT", null, null);
		assertRates(id, 50, 0);
	}

	@Test
	void hardBounceFailsTheMessageLeavingDeliveredAsItWasWithFeedbackService() {
		String id = relay(true);

		this.flow.event(id, ann, "HARD_BOUNCE", USER_UNKNOWN);

		this.flow.assertLog(id, ann, "FAILED", "HARD", "USER_UNKNOWN");
		assertRates(id, 0, 50);
	}

	@Test
	void softBounceFailsTheMessageLeavingDeliveredAsItWasWithFeedbackService() {
		String id = relay(true);

		this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);

		this.flow.assertLog(id, ann, "FAILED", "SOFT", "MAILBOX_FULL");
		assertRates(id, 0, 50);
	}

	@Test
	void retryThatIsDeliveredMovesTheMessageFromFailedToSentWithFeedbackService() {
		String id = relay(true);
		this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		this.flow.retryWave(id);
		this.flow.assertLog(id, ann, "FAILED", "SOFT", "MAILBOX_FULL");
		assertRates(id, 0, 50);

		this.flow.event(id, ann, "DELIVERED", "250 2.0.0 OK");

		this.flow.assertLog(id, ann, "SENT", null, null);
		assertRates(id, 50, 0);
		assertThat(this.flow.log(id, ann).get("attempts").asInt()).isEqualTo(2);
	}

	@Test
	void retriesThatFailUntilTheValidityEndsChangeNothingWithFeedbackService() {
		String id = relay(true);
		this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		this.flow.retryWave(id);
		this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		assertRates(id, 0, 50);

		this.flow.endValidity(id);

		this.flow.assertLog(id, ann, "FAILED", "SOFT", "MAILBOX_FULL");
		assertRates(id, 0, 50);
		assertThat(this.flow.status(id)).isEqualTo("FINISHED");
	}

	// Feedback intake

	@Test
	void repeatedAndUnknownEventsAreCountedAndChangeNothing() {
		String id = relay(false);
		JsonNode first = this.flow.event(id, ann, "HARD_BOUNCE", USER_UNKNOWN);
		String messageId = this.flow.log(id, ann).get("messageId").asText();
		Map<String, Object> event = Map.of("messageId", messageId, "type", "HARD_BOUNCE", "smtpStatus", USER_UNKNOWN,
				"at", "2030-01-01T10:00:00Z");
		Api mta = this.flow.as("mta");

		JsonNode receipt = mta
			.post("/api/mta/events",
					List.of(event, event, Map.of("messageId", "<nobody@example.com>", "type", "DELIVERED")))
			.json();
		JsonNode again = mta.post("/api/mta/events", List.of(event)).json();

		assertThat(first.get("accepted").asInt()).isEqualTo(1);
		assertThat(receipt.get("accepted").asInt()).isEqualTo(1);
		assertThat(receipt.get("duplicates").asInt()).isEqualTo(1);
		assertThat(receipt.get("unknown").asInt()).isEqualTo(1);
		assertThat(again.get("duplicates").asInt()).isEqualTo(1);
		this.flow.assertLog(id, ann, "FAILED", "HARD", "USER_UNKNOWN");
		assertRates(id, 50, 50);
	}

	@Test
	void anEventWithoutATimeRepeatedAboutTheSameAttemptIsADuplicateAndAboutARetryANewEvent() {
		String id = relay(false);
		String nobody = "<nobody-" + UUID.randomUUID() + "@example.com>";
		Api mta = this.flow.as("mta");

		JsonNode first = this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		JsonNode repeated = this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		this.flow.retryWave(id);
		JsonNode aboutTheRetry = this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		JsonNode repeatedAboutTheRetry = this.flow.event(id, ann, "SOFT_BOUNCE", MAILBOX_FULL);
		JsonNode unknown = mta.post("/api/mta/events", List.of(Map.of("messageId", nobody, "type", "DELIVERED")))
			.json();
		JsonNode unknownAgain = mta.post("/api/mta/events", List.of(Map.of("messageId", nobody, "type", "DELIVERED")))
			.json();

		assertThat(List.of(first, repeated, aboutTheRetry, repeatedAboutTheRetry))
			.extracting((r) -> r.get("accepted").asInt() + "/" + r.get("duplicates").asInt())
			.containsExactly("1/0", "0/1", "1/0", "0/1");
		assertThat(unknown.get("unknown").asInt()).isOne();
		assertThat(unknownAgain.get("unknown").asInt()).isZero();
		assertThat(unknownAgain.get("duplicates").asInt()).isOne();
		assertThat(smtp.getReceivedMessages()).hasSize(3);
		this.flow.assertLog(id, ann, "SENT", "SOFT", "MAILBOX_FULL");

		this.flow.endValidity(id);

		this.flow.assertLog(id, ann, "FAILED", "SOFT", "MAILBOX_FULL");
		assertRates(id, 50, 50);
	}

	@Test
	void malformedEventsAreRefusedWholeNamingEachBadField() {
		String id = relay(false);
		String messageId = this.flow.log(id, ann).get("messageId").asText();
		Api mta = this.flow.as("mta");

		Api.Response bad = mta.post("/api/mta/events", List.of(Map.of("messageId", messageId, "type", "HARD_BOUNCE"),
				Map.of("type", "BOUNCED", "at", "yesterday"), "text"));
		Api.Response notAnArray = mta.post("/api/mta/events", Map.of("messageId", messageId, "type", "DELIVERED"));
		Api.Response notTheMta = this.flow.as("preparer")
			.post("/api/mta/events", List.of(Map.of("messageId", messageId, "type", "HARD_BOUNCE")));

		assertThat(bad.code()).isEqualTo(400);
		assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("[1].messageId",
				"[1].type", "[1].at", "[2]");
		assertThat(notAnArray.code()).isEqualTo(400);
		assertThat(notTheMta.code()).isEqualTo(403);
		this.flow.assertLog(id, ann, "SENT", null, null);
		assertRates(id, 100, 0);
	}

	@Test
	void hardBounceQuarantinesTheAddressAndComplaintDenylistsIt() {
		String id = relay(false);

		this.flow.event(id, ann, "HARD_BOUNCE", USER_UNKNOWN);
		this.flow.event(id, bea, "COMPLAINT", null);

		Api reader = this.flow.as("preparer");
		assertThat(reader.get("/api/quarantine/" + ann).json().get("status").asText()).isEqualTo("QUARANTINE");
		assertThat(reader.get("/api/quarantine/" + bea).json().get("status").asText()).isEqualTo("DENYLIST");
		this.flow.assertLog(id, bea, "SENT", null, null);

		Api admin = this.flow.as("demo");
		assertThat(reader.put("/api/quarantine/" + ann, Map.of("status", "VALID")).code()).isEqualTo(403);
		assertThat(admin.put("/api/quarantine/" + ann, Map.of("status", "DENYLIST")).code()).isEqualTo(400);
		assertThat(admin.put("/api/quarantine/" + ann, Map.of("status", "VALID")).json().get("status").asText())
			.isEqualTo("VALID");
	}

	@Test
	void complaintCountsOncePerMessageAgainstTheDeliveredWhateverTheOrderAndRepeats() {
		String id = relay(true);
		String messageId = this.flow.log(id, bea).get("messageId").asText();
		Api mta = this.flow.as("mta");
		// a complaint before the delivery report, the same complaint again, a second one
		// with another time: one complaint about one message
		mta.post("/api/mta/events",
				List.of(Map.of("messageId", messageId, "type", "COMPLAINT", "at", "2030-01-01T10:05:00Z")));
		mta.post("/api/mta/events",
				List.of(Map.of("messageId", messageId, "type", "COMPLAINT", "at", "2030-01-01T10:05:00Z"),
						Map.of("messageId", messageId, "type", "COMPLAINT", "at", "2030-01-01T11:00:00Z")));
		JsonNode kpis = this.flow.as("preparer").get("/api/deliveries/" + id).json().get("kpis");
		assertThat(kpis.get("complaints").asInt()).isEqualTo(1);
		assertThat(kpis.get("complaintRate").asDouble()).as("none delivered yet").isZero();

		this.flow.event(id, ann, "DELIVERED", null);
		this.flow.event(id, bea, "DELIVERED", null);

		kpis = this.flow.as("preparer").get("/api/deliveries/" + id).json().get("kpis");
		assertThat(kpis.get("complaints").asInt()).isEqualTo(1);
		assertThat(kpis.get("complaintRate").asDouble()).as("1 complaint of 2 delivered").isEqualTo(50.0);
		assertRates(id, 100, 0);
	}

	private String relay(boolean feedbackService) {
		return this.flow.relay(delivery().with("emailFeedbackService", feedbackService)
			.with("recipients", List.of(Map.of("email", ann), Map.of("email", bea))));
	}

	private void assertRates(String id, double delivered, double bouncesAndErrors) {
		double[] rates = this.flow.rates(id);
		assertThat(rates[0]).as("Delivered %").isEqualTo(delivered);
		assertThat(rates[1]).as("Bounces + errors %").isEqualTo(bouncesAndErrors);
	}

}
