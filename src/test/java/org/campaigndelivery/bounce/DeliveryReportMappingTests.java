package org.campaigndelivery.bounce;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.RefusingSmtpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * docs/deliverability.md's table, row by row, with and without the Email Feedback
 * Service: what the MTA answers during the relay, what a delivery status notification
 * says and what an MTA event says move one log and the KPIs as the domain's two tables
 * do, and only what the MTA no longer holds is relayed again by the next retry wave.
 */
@ApplicationTest
class DeliveryReportMappingTests {

	private static final int SMTP_PORT = 3025;

	private static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");

	@Autowired
	DeliveryFlow flow;

	@Autowired
	VerpAddresses verp;

	@Autowired
	RuntimeService runtimeService;

	RefusingSmtpServer mta;

	@BeforeEach
	void startMta() throws Exception {
		this.mta = new RefusingSmtpServer(SMTP_PORT);
	}

	@AfterEach
	void stopMta() throws Exception {
		this.mta.close();
	}

	/**
	 * source, what it says, feedback service, then the log (status, failure type), the
	 * KPIs (delivered %, bounces + errors %), whether the next retry wave relays it again
	 * and whether a delay warning is shown on it.
	 */
	static Stream<Arguments> rows() {
		return Stream.of(row("smtp", "250 2.0.0 Ok", false, "SENT", null, 100, 0, false, false),
				row("smtp", "250 2.0.0 Ok", true, "PENDING", null, 0, 0, false, false),
				row("smtp", "550 5.1.1 User unknown", false, "FAILED", "HARD", 0, 100, false, false),
				row("smtp", "550 5.1.1 User unknown", true, "FAILED", "HARD", 0, 100, false, false),
				row("smtp", "452 4.2.2 Mailbox full", false, "SENT", "SOFT", 100, 0, true, false),
				row("smtp", "452 4.2.2 Mailbox full", true, "FAILED", "SOFT", 0, 100, true, false),
				row("dsn", "failed 5.1.1", false, "FAILED", "HARD", 0, 100, false, false),
				row("dsn", "failed 5.1.1", true, "FAILED", "HARD", 0, 100, false, false),
				row("dsn", "failed 4.4.7", false, "SENT", "SOFT", 100, 0, true, false),
				row("dsn", "failed 4.4.7", true, "FAILED", "SOFT", 0, 100, true, false),
				row("dsn", "delayed 4.4.1", false, "SENT", null, 100, 0, false, true),
				row("dsn", "delayed 4.4.1", true, "PENDING", null, 0, 0, false, true),
				row("dsn", "delivered 2.0.0", false, "SENT", null, 100, 0, false, false),
				row("dsn", "delivered 2.0.0", true, "SENT", null, 100, 0, false, false),
				row("dsn", "relayed 2.0.0", false, "SENT", null, 100, 0, false, false),
				row("dsn", "relayed 2.0.0", true, "SENT", null, 100, 0, false, false),
				row("dsn", "expanded 2.0.0", false, "SENT", null, 100, 0, false, false),
				row("dsn", "expanded 2.0.0", true, "SENT", null, 100, 0, false, false),
				row("event", "DELIVERED", false, "SENT", null, 100, 0, false, false),
				row("event", "DELIVERED", true, "SENT", null, 100, 0, false, false),
				row("event", "HARD_BOUNCE 5.1.1", false, "FAILED", "HARD", 0, 100, false, false),
				row("event", "HARD_BOUNCE 5.1.1", true, "FAILED", "HARD", 0, 100, false, false),
				row("event", "SOFT_BOUNCE 4.2.2", false, "SENT", "SOFT", 100, 0, true, false),
				row("event", "SOFT_BOUNCE 4.2.2", true, "FAILED", "SOFT", 0, 100, true, false),
				row("event", "DELAYED 4.2.2", false, "SENT", null, 100, 0, false, true),
				row("event", "DELAYED 4.2.2", true, "PENDING", null, 0, 0, false, true),
				row("event", "COMPLAINT", false, "SENT", null, 100, 0, false, false),
				row("event", "COMPLAINT", true, "PENDING", null, 0, 0, false, false));
	}

	private static Arguments row(String source, String says, boolean feedbackService, String status, String failureType,
			double delivered, double bounces, boolean retried, boolean warned) {
		return Arguments.of(source, says, feedbackService, status, failureType, delivered, bounces, retried, warned);
	}

	@ParameterizedTest(name = "{0} {1}, feedback service {2}: {3} {4}, retried {7}")
	@MethodSource("rows")
	void aReportMovesTheLogAsTheTableSaysAndOnlyWhatTheMtaNoLongerHoldsIsRelayedAgain(String source, String says,
			boolean feedbackService, String status, String failureType, double delivered, double bounces,
			boolean retried, boolean warned) {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String recipient = DeliveryRequests.email(recipients, 1);
		if (source.equals("smtp") && !says.startsWith("2")) {
			this.mta.refuse(recipient, says);
		}
		String id = this.flow
			.relay(delivery().with("recipients", recipients).with("emailFeedbackService", feedbackService));
		int taken = this.mta.accepted().size();

		if (source.equals("dsn")) {
			String[] words = says.split(" ");
			Api.Response response = postDsn(dsn(id, recipient, words[0], words[1], true, true));
			assertThat(response.json().get("outcome").asText()).as(response.text()).isEqualTo("RECORDED");
		}
		else if (source.equals("event")) {
			String[] words = says.split(" ");
			this.flow.event(id, recipient, words[0], (words.length > 1) ? words[1] : null);
		}

		this.flow.assertLog(id, recipient, status, failureType,
				(failureType == null) ? null : this.flow.log(id, recipient).get("failureReason").asText());
		assertThat(this.flow.rates(id)).containsExactly(delivered, bounces);
		JsonNode delayed = this.flow.log(id, recipient).get("delayed");
		assertThat(delayed != null && !delayed.isNull()).as("a delay warning shown on the log").isEqualTo(warned);
		if (warned) {
			assertThat(delayed.get("notice").asText()).contains(says.substring(says.indexOf(' ') + 1));
			JsonNode history = this.flow.as("preparer").get("/api/recipients/" + recipient + "/history").json();
			assertThat(history.get(0).get("delayed").get("count").asInt()).isEqualTo(1);
			JsonNode warnings = this.flow.as("mta").get("/api/mta/events?outcome=WARNING&size=200").json();
			assertThat(warnings.findValuesAsText("messageId"))
				.contains(this.flow.log(id, recipient).get("messageId").asText());
		}

		this.mta.acceptAgain(recipient);
		this.flow.retryWave(id);

		assertThat(this.mta.accepted().size() - taken).as("copies relayed again by the retry wave")
			.isEqualTo(retried ? 1 : 0);
	}

	@Test
	void aReportThatReturnsNoHeaderFindsItsMessageByTheEnvelopeIdItWasSentWith() {
		this.mta.advertiseDsn(true);
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String recipient = DeliveryRequests.email(recipients, 1);
		String id = this.flow.relay(delivery().with("recipients", recipients).with("emailFeedbackService", true));
		String messageId = this.flow.log(id, recipient).get("messageId").asText();
		String envelopeId = MessageIds.envelopeId(messageId).orElseThrow();
		assertThat(this.mta.envelopeCommands()).anyMatch((c) -> c.contains("ENVID=" + envelopeId));

		String report = dsn(id, recipient, "delivered", "2.0.0", false, false).replace("X-Postfix-Sender:",
				"Original-Envelope-Id: " + envelopeId + "\nX-Postfix-Sender:");
		Api.Response response = postDsn(report);

		assertThat(report).doesNotContain(messageId);
		assertThat(response.json().get("outcome").asText()).as(response.text()).isEqualTo("RECORDED");
		this.flow.assertLog(id, recipient, "SENT", null, null);
	}

	@Test
	void theRelayAsksAnMtaThatAdvertisesDsnForReportsAndOneThatDoesNotForNothing() throws IOException {
		this.mta.advertiseDsn(true);
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(2);
		String withService = this.flow
			.relay(delivery().with("recipients", recipients.subList(0, 1)).with("emailFeedbackService", true));
		String without = this.flow.relay(delivery().with("recipients", recipients.subList(1, 2)));
		String first = DeliveryRequests.email(recipients, 1);
		String second = DeliveryRequests.email(recipients, 2);

		assertThat(this.mta.envelopeCommands())
			.anyMatch((c) -> c.startsWith("RCPT TO:<" + first + ">") && c.endsWith(" NOTIFY=SUCCESS,FAILURE,DELAY"));
		assertThat(this.mta.envelopeCommands())
			.anyMatch((c) -> c.startsWith("RCPT TO:<" + second + ">") && c.endsWith(" NOTIFY=FAILURE,DELAY"));
		String envelopeId = MessageIds.envelopeId(this.flow.log(withService, first).get("messageId").asText())
			.orElseThrow();
		assertThat(this.mta.envelopeCommands()).anyMatch(
				(c) -> c.startsWith("MAIL FROM:") && c.contains(" RET=HDRS") && c.endsWith(" ENVID=" + envelopeId));
		assertThat(notices(withService)).isEmpty();
		assertThat(notices(without)).isEmpty();

		restartMtaWithoutDsn();
		List<Map<String, Object>> later = DeliveryRequests.freshRecipients(1);
		String unreported = this.flow.relay(delivery().with("recipients", later).with("emailFeedbackService", true));

		assertThat(this.mta.envelopeCommands()).isNotEmpty()
			.noneMatch((c) -> c.contains("NOTIFY=") || c.contains("ENVID=") || c.contains("RET="));
		assertThat(notices(unreported)).singleElement()
			.satisfies((n) -> assertThat(n.get("message").asText()).contains("stay Pending"));
		// what the approval and confirmation forms show
		assertThat(
				(String) this.runtimeService.getVariable(this.flow.processInstanceId(unreported), "preparationNotices"))
			.contains("stay Pending");
		assertThat(this.runtimeService.getVariable(this.flow.processInstanceId(withService), "preparationNotices"))
			.isEqualTo("");
	}

	private void restartMtaWithoutDsn() throws IOException {
		this.mta.advertiseDsn(false);
		this.mta.dropConnections();
		this.mta.clearEnvelopeCommands();
	}

	private List<JsonNode> notices(String deliveryId) {
		JsonNode notices = this.flow.as("preparer")
			.get("/api/deliveries/" + deliveryId + "/preparation")
			.json()
			.get("notices");
		return notices.findParents("message");
	}

	/**
	 * Postfix's report for the message, its action and status as given; with VERP it goes
	 * back to the message's envelope sender, and with its headers it quotes the
	 * Message-ID.
	 */
	private String dsn(String deliveryId, String recipient, String action, String status, boolean withVerp,
			boolean withHeaders) {
		String report = BounceFixtures
			.report(this.flow, this.verp, "postfix-success.eml", deliveryId, recipient, withVerp)
			.replace("Action: relayed", "Action: " + action)
			.replace("Status: 2.0.0", "Status: " + status)
			.replace("smtp; 250 2.0.0 Ok: queued as ABC123",
					"smtp; " + (status.startsWith("2") ? "250" : status.startsWith("4") ? "450" : "550") + " " + status
							+ " as the test says");
		if (!withHeaders) {
			String messageId = this.flow.log(deliveryId, recipient).get("messageId").asText();
			report = report.replace("Message-ID: " + messageId + "\n", "");
		}
		return report;
	}

	private Api.Response postDsn(String report) {
		Api.Response response = this.flow.as("mta").postRaw("/api/mta/dsn", report, RFC822);
		assertThat(response.code()).as(response.text()).isEqualTo(202);
		return response;
	}

}
