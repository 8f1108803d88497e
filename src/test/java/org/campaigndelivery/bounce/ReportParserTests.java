package org.campaigndelivery.bounce;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.campaigndelivery.CampaignDeliveryApplication;
import org.campaigndelivery.bounce.InboundReport.Kind;
import org.campaigndelivery.bounce.ReportParser.Finding;
import org.campaigndelivery.bounce.ReportParser.Report;
import org.campaigndelivery.feedback.MtaEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.campaigndelivery.bounce.BounceFixtures.MESSAGE_ID;
import static org.campaigndelivery.bounce.BounceFixtures.RECIPIENT;
import static org.campaigndelivery.bounce.BounceFixtures.VERP;

/**
 * The parser alone, on the reports of src/test/resources/bounces as the MTAs wrote them
 * and on small reports that each miss or bend one part.
 */
class ReportParserTests {

	static {
		// as the application does at start
		CampaignDeliveryApplication.useMailStreamProvider();
	}

	@Test
	void postfixHardBounceNamesTheRecipientTheStatusAndTheUnfoldedDiagnostic() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("postfix-hard.eml"));

		assertThat(report.kind()).isEqualTo(Kind.DSN);
		assertThat(report.detail()).isNull();
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.recipient()).isEqualTo(RECIPIENT);
			assertThat(finding.type()).isEqualTo(MtaEvent.Type.HARD_BOUNCE);
			assertThat(finding.smtpStatus()).isEqualTo("550 5.1.1");
			assertThat(finding.diagnostic()).isEqualTo(
					"550 5.1.1 <" + RECIPIENT + ">: Recipient address rejected: User unknown in virtual mailbox table");
			assertThat(finding.at()).as("the arrival, without its zone comment")
				.isEqualTo(OffsetDateTime.parse("2026-11-30T10:15:02+01:00"));
		});
		assertThat(report.headers().addressedTo()).containsExactly(VERP, VERP, VERP);
		assertThat(report.headers().originalSender()).isEqualTo("rfc822; " + VERP);
		assertThat(report.headers().originalMessageId()).isNull();
		assertThat(report.returnedHeader("Message-ID")).isEqualTo(MESSAGE_ID);
	}

	@Test
	void eximsUnspecificStatusGivesWayToTheOneInTheRemoteDiagnostic() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("exim-hard.eml"));

		Finding finding = onlyFinding(report);
		assertThat(finding.type()).isEqualTo(MtaEvent.Type.HARD_BOUNCE);
		assertThat(finding.smtpStatus()).isEqualTo("550 5.1.1");
		assertThat(finding.at()).as("no arrival nor attempt date: the report's own")
			.isEqualTo(OffsetDateTime.parse("2026-11-30T09:20:11Z"));
		assertThat(report.returnedHeader("Message-ID")).isEqualTo(MESSAGE_ID);
	}

	@Test
	void aFailureWithATemporaryStatusIsASoftBounce() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("exim-mailbox-full.eml"));

		Finding finding = onlyFinding(report);
		assertThat(finding.type()).isEqualTo(MtaEvent.Type.SOFT_BOUNCE);
		assertThat(finding.smtpStatus()).isEqualTo("452 4.2.2");
		assertThat(finding.diagnostic()).isEqualTo("452 4.2.2 Mailbox full");
		assertThat(report.returnedHeader("Message-ID")).as("from text/rfc822-headers").isEqualTo(MESSAGE_ID);
	}

	@Test
	void gmailsDelayIsAWarningDatedByItsLastAttemptAndQuotesTheMessageId() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("gmail-delayed.eml"));

		Finding finding = onlyFinding(report);
		assertThat(finding.type()).isEqualTo(MtaEvent.Type.DELAYED);
		assertThat(finding.smtpStatus()).as("a multi-line reply's code").isEqualTo("421 4.7.0");
		assertThat(finding.at()).isEqualTo(OffsetDateTime.parse("2026-11-30T05:43:12-08:00"));
		assertThat(report.headers().originalMessageId()).isEqualTo(MESSAGE_ID);
	}

	@Test
	void postfixsDelayKeepsItsStatusAndDropsTheDiagnosticsType() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("postfix-delayed.eml"));

		Finding finding = onlyFinding(report);
		assertThat(finding.type()).isEqualTo(MtaEvent.Type.DELAYED);
		assertThat(finding.smtpStatus()).as("no reply code; the IP address in the text is no status")
			.isEqualTo("4.4.1");
		assertThat(finding.diagnostic()).isEqualTo("connect to mail.example.org[192.0.2.10]:25: Connection timed out");
	}

	@Test
	void gmailsHardBounceUnfoldsItsMultiLineReply() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("gmail-hard.eml"));

		Finding finding = onlyFinding(report);
		assertThat(finding.type()).isEqualTo(MtaEvent.Type.HARD_BOUNCE);
		assertThat(finding.smtpStatus()).isEqualTo("550 5.1.1");
		assertThat(finding.diagnostic()).startsWith("550-5.1.1 The email account that you tried to reach does not")
			.contains("Please try 550-5.1.1 double-checking")
			.endsWith("- gsmtp")
			.doesNotContain("\n");
		assertThat(finding.at()).isEqualTo(OffsetDateTime.parse("2026-11-30T01:42:08-08:00"));
		assertThat(report.returnedHeader("Message-ID")).isEqualTo(MESSAGE_ID);
	}

	@Test
	void exchangesReportIsADeliveryStatusNotificationThoughItIsAutoSubmitted() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("exchange-hard.eml"));

		assertThat(report.kind()).isEqualTo(Kind.DSN);
		Finding finding = onlyFinding(report);
		assertThat(finding.type()).isEqualTo(MtaEvent.Type.HARD_BOUNCE);
		assertThat(finding.smtpStatus()).as("a three-digit detail").isEqualTo("550 5.1.10");
		assertThat(finding.at()).isEqualTo(OffsetDateTime.parse("2026-11-30T09:31:42Z"));
	}

	@Test
	void aRelayedMessageIsDelivered() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("postfix-success.eml"));

		Finding finding = onlyFinding(report);
		assertThat(finding.type()).isEqualTo(MtaEvent.Type.DELIVERED);
		assertThat(finding.smtpStatus()).isEqualTo("250 2.0.0");
	}

	@Test
	void anAbuseReportIsAComplaintAboutItsOriginalRecipient() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("arf-complaint.eml"));

		assertThat(report.kind()).isEqualTo(Kind.ABUSE_REPORT);
		assertThat(report.detail()).isNull();
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.recipient()).as("without its angle brackets").isEqualTo(RECIPIENT);
			assertThat(finding.type()).isEqualTo(MtaEvent.Type.COMPLAINT);
			assertThat(finding.smtpStatus()).isNull();
			assertThat(finding.diagnostic()).isEqualTo("feedback-type abuse");
			assertThat(finding.at()).isEqualTo(OffsetDateTime.parse("2026-11-30T09:15:03Z"));
		});
		assertThat(report.headers().originalSender()).isEqualTo("<" + VERP + ">");
		assertThat(report.returnedHeader("Message-ID")).isEqualTo(MESSAGE_ID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "out-of-office.eml", "vacation-plain.eml", "challenge-response.eml" })
	void anAutoReplyGivesNoFindingAndSaysWhatItWas(String file) throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample(file));

		assertThat(report.kind()).isEqualTo(Kind.AUTO_REPLY);
		assertThat(report.findings()).isEmpty();
		assertThat(report.detail()).startsWith("an auto-reply (").doesNotContain("(null)");
	}

	@Test
	void anAutoReplyIsNamedByItsSubject() throws Exception {
		Report report = ReportParser.parse(BounceFixtures.sample("out-of-office.eml"));

		assertThat(report.detail()).isEqualTo("an auto-reply (Automatic reply: Your November newsletter)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Auto-Submitted: auto-generated", "X-Autoreply: yes", "X-Autorespond: yes",
			"X-Auto-Response-Suppress: All", "Precedence: auto_reply", "Subject: Out of Office until Monday",
			"Subject: Auto-Antwort: im Urlaub", "Subject: Abwesend", "Subject: =?UTF-8?Q?R=C3=A9ponse_automatique?=" })
	void eachOfTheAutoRespondersMarksIsAnAutoReply(String header) throws Exception {
		Report report = ReportParser.parse(mail(header));

		assertThat(report.kind()).isEqualTo(Kind.AUTO_REPLY);
		assertThat(report.findings()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Auto-Submitted: no", "Precedence: bulk", "Subject: Re: out of office",
			"Subject: Your November newsletter" })
	void aMailWithoutAnAutoRespondersMarkIsNeitherReportNorAutoReply(String header) throws Exception {
		Report report = ReportParser.parse(mail(header));

		assertThat(report.kind()).isEqualTo(Kind.OTHER);
		assertThat(report.findings()).isEmpty();
		assertThat(report.detail()).isEqualTo("neither a delivery status notification nor an abuse report");
	}

	@Test
	void aReportOfAnotherTypeIsNotAboutDelivery() throws Exception {
		Report report = ReportParser
			.parse(multipartReport("disposition-notification", "message/disposition-notification", """
					Final-Recipient: rfc822; ann@example.org
					Disposition: manual-action/MDN-sent-manually; displayed
					"""));

		assertThat(report.kind()).isEqualTo(Kind.OTHER);
		assertThat(report.findings()).isEmpty();
		assertThat(report.detail()).isEqualTo("a report of type disposition-notification, not about delivery");
	}

	@Test
	void everyRecipientOfADeliveryStatusNotificationIsAFindingInItsOrder() throws Exception {
		Report report = ReportParser.parse(deliveryStatus("""
				Reporting-MTA: dns; mx.example.net
				Original-Envelope-Id: 0000000000000001.0123456789abcdef
				Arrival-Date: Mon, 30 Nov 2026 08:00:00 +0000

				Final-Recipient: rfc822; <ann@example.org>
				Action: failed
				Status: 5.2.1
				Last-Attempt-Date: Mon, 30 Nov 2026 08:30:00 +0000

				Final-Recipient: rfc822; list@example.org
				Action: expanded
				Status: 2.0.0

				Final-Recipient: rfc822; bea@example.org
				Action: FAILED
				Status: 4.4.7
				"""));

		assertThat(report.kind()).isEqualTo(Kind.DSN);
		assertThat(report.findings()).extracting(Finding::recipient, Finding::type, Finding::smtpStatus)
			.containsExactly(tuple("ann@example.org", MtaEvent.Type.HARD_BOUNCE, "5.2.1"),
					tuple("list@example.org", MtaEvent.Type.DELIVERED, "2.0.0"),
					tuple("bea@example.org", MtaEvent.Type.SOFT_BOUNCE, "4.4.7"));
		assertThat(report.findings()).extracting(Finding::at)
			.as("its last attempt, else the arrival")
			.containsExactly(OffsetDateTime.parse("2026-11-30T08:30:00Z"), OffsetDateTime.parse("2026-11-30T08:00:00Z"),
					OffsetDateTime.parse("2026-11-30T08:00:00Z"));
		assertThat(report.findings()).extracting(Finding::diagnostic).containsOnlyNulls();
		assertThat(report.headers().envelopeId()).isEqualTo("0000000000000001.0123456789abcdef");
	}

	@Test
	void aRecipientWithoutAKnownActionIsNoFinding() throws Exception {
		Report report = ReportParser.parse(deliveryStatus("""
				Reporting-MTA: dns; mx.example.net

				Final-Recipient: rfc822; ann@example.org
				Action: bounced
				Status: 5.1.1

				Final-Recipient: rfc822; bea@example.org
				Status: 5.1.1
				"""));

		assertThat(report.kind()).isEqualTo(Kind.DSN);
		assertThat(report.findings()).isEmpty();
		assertThat(report.detail()).isEqualTo("no recipient with an action");
	}

	@Test
	void aFindingWithoutAnyDateIsUndated() throws Exception {
		Report report = ReportParser.parse(("""
				From: MAILER-DAEMON@mx.example.net
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status; boundary="b"

				--b
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.net

				Final-Recipient: rfc822; ann@example.org
				Action: failed
				Status: 5.1.1

				--b--
				""").getBytes(StandardCharsets.UTF_8));

		assertThat(onlyFinding(report).at()).isNull();
		assertThat(report.headers().addressedTo()).isEmpty();
	}

	@Test
	void aDeliveryStatusNotificationWithoutItsStatusPartGivesNoFindingButItsReturnedHeaders() throws Exception {
		Report report = ReportParser.parse(multipartReport("delivery-status", "text/rfc822-headers", """
				Message-ID: <0000000000000001.0123456789abcdef@example.com>
				To: ann@example.org
				"""));

		assertThat(report.kind()).isEqualTo(Kind.DSN);
		assertThat(report.findings()).isEmpty();
		assertThat(report.detail()).isEqualTo("a delivery status notification without status");
		assertThat(report.returnedHeader("Message-ID")).isEqualTo(MESSAGE_ID);
	}

	@Test
	void aNotSpamReportIsNoComplaint() throws Exception {
		Report report = ReportParser.parse(multipartReport("feedback-report", "message/feedback-report", """
				Feedback-Type: Not-Spam
				Version: 1
				Original-Rcpt-To: <ann@example.org>
				"""));

		assertThat(report.kind()).isEqualTo(Kind.ABUSE_REPORT);
		assertThat(report.findings()).isEmpty();
		assertThat(report.detail()).isEqualTo("a not-spam report");
	}

	@Test
	void anAbuseReportWithoutItsFieldsGivesNoFinding() throws Exception {
		Report report = ReportParser.parse(multipartReport("feedback-report", "text/rfc822-headers", """
				Message-ID: <0000000000000001.0123456789abcdef@example.com>
				"""));

		assertThat(report.kind()).isEqualTo(Kind.ABUSE_REPORT);
		assertThat(report.findings()).isEmpty();
		assertThat(report.detail()).isEqualTo("an abuse report without its fields");
		assertThat(report.returnedHeader("Message-ID")).isEqualTo(MESSAGE_ID);
	}

	@Test
	void anAbuseReportWithoutDatesIsDatedByTheReport() throws Exception {
		Report report = ReportParser.parse(multipartReport("feedback-report", "message/feedback-report", """
				Feedback-Type: fraud
				Original-Rcpt-To: bea@example.org
				"""));

		Finding complaint = onlyFinding(report);
		assertThat(complaint.recipient()).isEqualTo("bea@example.org");
		assertThat(complaint.diagnostic()).isEqualTo("feedback-type fraud");
		assertThat(complaint.at()).isEqualTo(OffsetDateTime.parse("2026-11-30T10:00:00Z"));
	}

	@Test
	void anUnreadableContentTypeIsReadAsAPlainMail() throws Exception {
		Report report = ReportParser.parse(mail("Content-Type: multipart/report; report-type=delivery-status; ;;=="));

		assertThat(report.kind()).isEqualTo(Kind.OTHER);
		assertThat(report.findings()).isEmpty();
	}

	@Test
	void textThatIsNoMailIsNeitherReportNorAutoReply() throws Exception {
		Report report = ReportParser.parse("this is not a mail\n\u0000\u0001".getBytes(StandardCharsets.UTF_8));

		assertThat(report.kind()).isEqualTo(Kind.OTHER);
		assertThat(report.findings()).isEmpty();
		assertThat(report.headers().addressedTo()).isEmpty();
		assertThat(report.headers().date()).isNull();
	}

	@Test
	void aReportWhosePartsCannotBeFoundIsRefused() {
		byte[] raw = """
				From: MAILER-DAEMON@mx.example.net
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status; boundary="b"

				No part starts here.
				""".getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> ReportParser.parse(raw)).isInstanceOf(MessagingException.class);
	}

	@Test
	void datesAreReadWithOrWithoutTheirZoneCommentAndDayName() {
		assertThat(ReportParser.date("Mon, 30 Nov 2026 05:43:12 -0800 (PST)"))
			.isEqualTo(OffsetDateTime.parse("2026-11-30T05:43:12-08:00"));
		assertThat(ReportParser.date("30 Nov 2026 05:43:12 -0800"))
			.isEqualTo(OffsetDateTime.parse("2026-11-30T05:43:12-08:00"));
		assertThat(ReportParser.date("Mon, 30 Nov 2026 13:43:12 GMT"))
			.isEqualTo(OffsetDateTime.parse("2026-11-30T13:43:12Z"));
	}

	@Test
	void aDateInAnOlderMailFormatIsReadAsUtc() {
		// RFC 822's two-digit year and named zone: only Jakarta Mail's reader takes them
		assertThat(ReportParser.date("30 Nov 26 05:43:12 PST")).isEqualTo(OffsetDateTime.parse("2026-11-30T13:43:12Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "yesterday", "2026-11-30T05:43:12Z" })
	void whatIsNoMailDateIsNoDate(String text) {
		assertThat(ReportParser.date(text)).isNull();
	}

	@Test
	void noDateIsNoDate() {
		assertThat(ReportParser.date(null)).isNull();
	}

	private static Finding onlyFinding(Report report) {
		assertThat(report.findings()).as(report.detail()).hasSize(1);
		return report.findings().get(0);
	}

	private static byte[] mail(String header) {
		return ("""
				From: someone@example.org
				To: bounces@bounce.example.com
				Date: Mon, 30 Nov 2026 10:00:00 +0000
				%s
				MIME-Version: 1.0

				Hello.
				""".formatted(header)).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] deliveryStatus(String fields) {
		return multipartReport("delivery-status", "message/delivery-status", fields);
	}

	private static byte[] multipartReport(String reportType, String partType, String part) {
		return ("""
				From: MAILER-DAEMON@mx.example.net
				To: bounces@bounce.example.com
				Date: Mon, 30 Nov 2026 10:00:00 +0000
				Subject: Report
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=%s; boundary="b"

				--b
				Content-Type: text/plain

				A report.

				--b
				Content-Type: %s

				%s
				--b--
				""".formatted(reportType, partType, part)).getBytes(StandardCharsets.UTF_8);
	}

}
