package org.campaigndelivery.bounce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Reports as real MTAs mail them back (Postfix, Exim, Exchange, Gmail, a feedback loop,
 * auto-responders), posted raw to /api/mta/dsn, move the sending logs as the MTA's own
 * events would.
 */
@ApplicationTest
class BounceIntakeTests {

	private static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Autowired
	VerpAddresses verp;

	@Test
	void messagesGoOutWithASignedVerpEnvelopeSenderThatNamesTheirLog() throws Exception {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String id = this.flow.relay(delivery().with("recipients", recipients));
		long logId = MessageIds
			.logId(this.flow.log(id, DeliveryRequests.email(recipients, 1)).get("messageId").asText())
			.getAsLong();

		MimeMessage received = smtp.getReceivedMessages()[0];
		String envelopeSender = this.verp.envelopeSender(logId).orElseThrow();
		assertThat(received.getHeader("Return-Path")[0]).contains(envelopeSender);
		assertThat(envelopeSender).matches("bounces\\+[0-9a-f]{16}-[0-9a-f]{16}@bounce\\.example\\.com");
		assertThat(this.verp.logId("Mail Delivery <" + envelopeSender.toUpperCase() + ">")).hasValue(logId);
		String forged = envelopeSender.replaceFirst("-[0-9a-f]", "-x").replace("-x", "-0");
		assertThat(this.verp.logId(forged.equals(envelopeSender) ? envelopeSender.replaceFirst("-.", "-1") : forged))
			.isEmpty();
		assertThat(this.verp.logId(envelopeSender.replaceFirst("\\+[0-9a-f]", "+f"))).isEmpty();
	}

	static Stream<Arguments> reports() {
		return Stream.of(Arguments.of("postfix-hard.eml", false, "FAILED", "HARD", "USER_UNKNOWN", "DSN"),
				Arguments.of("exim-hard.eml", false, "FAILED", "HARD", "USER_UNKNOWN", "DSN"),
				Arguments.of("exchange-hard.eml", false, "FAILED", "HARD", "USER_UNKNOWN", "DSN"),
				Arguments.of("gmail-hard.eml", false, "FAILED", "HARD", "USER_UNKNOWN", "DSN"),
				Arguments.of("postfix-delayed.eml", false, "SENT", null, null, "DSN"),
				Arguments.of("postfix-delayed.eml", true, "PENDING", null, null, "DSN"),
				Arguments.of("gmail-delayed.eml", false, "SENT", null, null, "DSN"),
				Arguments.of("exim-mailbox-full.eml", false, "SENT", "SOFT", "MAILBOX_FULL", "DSN"),
				Arguments.of("postfix-success.eml", true, "SENT", null, null, "DSN"),
				Arguments.of("out-of-office.eml", false, "SENT", null, null, "AUTO_REPLY"),
				Arguments.of("vacation-plain.eml", false, "SENT", null, null, "AUTO_REPLY"),
				Arguments.of("challenge-response.eml", false, "SENT", null, null, "AUTO_REPLY"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("reports")
	void aReportMovesTheLogAsItsStatusSaysAndAnAutoReplyMovesNothing(String file, boolean feedbackService,
			String status, String failureType, String failureReason, String kind) throws IOException {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(2);
		String id = this.flow
			.relay(delivery().with("recipients", recipients).with("emailFeedbackService", feedbackService));
		String recipient = DeliveryRequests.email(recipients, 1);

		Api.Response response = post(report(file, id, recipient, true));

		assertThat(response.code()).as(response.text()).isEqualTo(202);
		assertThat(response.json().get("kind").asText()).isEqualTo(kind);
		assertThat(response.json().get("outcome").asText())
			.isEqualTo(kind.equals("AUTO_REPLY") ? "IGNORED" : "RECORDED");
		this.flow.assertLog(id, recipient, status, failureType, failureReason);
		assertThat(this.flow.log(id, recipient).get("delayed").isNull()).as("delay warning recorded")
			.isEqualTo(!file.contains("delayed"));
		this.flow.assertLog(id, DeliveryRequests.email(recipients, 2), feedbackService ? "PENDING" : "SENT", null,
				null);
		this.flow.rates(id);
	}

	@Test
	void anAbuseReportIsAComplaintThatDenylistsTheAddress() throws IOException {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String id = this.flow.relay(delivery().with("recipients", recipients));
		String recipient = DeliveryRequests.email(recipients, 1);

		Api.Response response = post(report("arf-complaint.eml", id, recipient, true));

		assertThat(response.json().get("kind").asText()).isEqualTo("ABUSE_REPORT");
		assertThat(response.json().get("outcome").asText()).isEqualTo("RECORDED");
		assertThat(this.flow.as("demo").get("/api/quarantine/" + recipient).json().get("status").asText())
			.isEqualTo("DENYLIST");
	}

	@Test
	void aBounceWithoutVerpIsFoundByTheMessageIdItQuotesAndOneNamingNothingIsKeptUnmatched() throws IOException {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String id = this.flow.relay(delivery().with("recipients", recipients));
		String recipient = DeliveryRequests.email(recipients, 1);

		Api.Response byMessageId = post(report("postfix-hard.eml", id, recipient, false));
		String foreign = report("gmail-hard.eml", id, recipient, false)
			.replace(this.flow.log(id, recipient).get("messageId").asText(), "<someone-else@elsewhere.example>");
		Api.Response unmatched = post(foreign.replace("X-Original-Message-ID", "X-Other"));

		assertThat(byMessageId.json().get("outcome").asText()).isEqualTo("RECORDED");
		this.flow.assertLog(id, recipient, "FAILED", "HARD", "USER_UNKNOWN");
		assertThat(unmatched.code()).isEqualTo(202);
		assertThat(unmatched.json().get("outcome").asText()).isEqualTo("UNMATCHED");
		JsonNode listed = this.flow.as("demo").get("/api/mta/reports?outcome=UNMATCHED").json();
		assertThat(listed.findValuesAsText("id")).contains(unmatched.json().get("id").asText());
	}

	@Test
	void aPipeThatPassedTheVerpAddressUnencodedStillNamesTheLogThoughItsPlusArrivedAsASpace() throws IOException {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String id = this.flow.relay(delivery().with("recipients", recipients));
		String recipient = DeliveryRequests.email(recipients, 1);
		long logId = MessageIds.logId(this.flow.log(id, recipient).get("messageId").asText()).getAsLong();
		String verpAddress = this.verp.envelopeSender(logId).orElseThrow();
		String report = report("postfix-hard.eml", id, recipient, false).replace("X-Original-Message-ID", "X-Other")
			.replace("Message-ID: " + this.flow.log(id, recipient).get("messageId").asText(), "Message-ID: <x@y>");

		// as Postfix's pipe passes ${recipient} into a URL: unencoded, so its +
		// is read as a space
		Api.Response response = this.flow.as("demo").postRaw("/api/mta/dsn?recipient=" + verpAddress, report, RFC822);

		assertThat(response.json().get("outcome").asText()).as(response.text()).isEqualTo("RECORDED");
		this.flow.assertLog(id, recipient, "FAILED", "HARD", "USER_UNKNOWN");
	}

	@Test
	void theSameReportTwiceCountsOnce() throws IOException {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(2);
		String id = this.flow.relay(delivery().with("recipients", recipients));
		String report = report("exim-mailbox-full.eml", id, DeliveryRequests.email(recipients, 1), true);

		Api.Response first = post(report);
		Api.Response again = post(report);

		assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
		JsonNode kpis = this.flow.as("preparer").get("/api/deliveries/" + id).json().get("kpis");
		assertThat(kpis.get("sent").asInt()).isEqualTo(2);
		assertThat(this.flow.rates(id)[1]).isEqualTo(0.0);
	}

	@Test
	void onlyTheMtaAndAdminsPostReportsAndAnEmptyOneIsRefused() {
		assertThat(this.flow.as("preparer").postRaw("/api/mta/dsn", "Subject: x\n\nx", RFC822).code()).isEqualTo(403);
		Api.Response empty = this.flow.as("demo").postRaw("/api/mta/dsn", "", RFC822);
		assertThat(empty.code()).isEqualTo(400);
		assertThat(empty.json().get("errors").findValuesAsText("field")).containsExactly("(body)");
	}

	@Test
	void garbageAndBrokenReportsAreRecordedAsIgnoredOrRefusedNeverAFailure() {
		byte[] noise = new byte[4096];
		new java.util.Random(12).nextBytes(noise);
		List<String> hostile = List.of(new String(noise, StandardCharsets.ISO_8859_1),
				"Content-Type: multipart/report; report-type=delivery-status; boundary=\"x\"\n\n--x\nContent-Type: message/delivery-status\n\nAction: failed\nStatus: 5.1.1\n",
				"Content-Type: multipart/report; report-type=feedback-report\n\nno boundary at all",
				"Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\nFinal-Recipient: rfc822; nobody@example.com\nAction: failed\nStatus: 5.1.1\n--b--\n",
				"Content-Type: text/plain; charset=\"\n\n\u0000");
		for (String body : hostile) {
			Api.Response response = post(body);
			assertThat(response.code()).as(response.text()).isIn(202, 400);
			assertThat(response.headers().getContentType().toString()).contains("json");
		}
	}

	private Api.Response post(String report) {
		return this.flow.as("demo").postRaw("/api/mta/dsn", report, RFC822);
	}

	private String report(String file, String deliveryId, String recipient, boolean withVerp) {
		return BounceFixtures.report(this.flow, this.verp, file, deliveryId, recipient, withVerp);
	}

}
