package org.campaigndelivery.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.CampaignDeliveryApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: how many reports a second the bounce intake's parser reads (the twelve
 * shapes of src/test/resources/bounces in turn: Postfix, Exim, Exchange, Gmail, an abuse
 * report, auto-replies), beside the reference of Jakarta Mail parsing the same bytes into
 * a message and reading its Message-ID alone, in the same run. Best of three rounds each.
 * Run with {@code ./mvnw -Pbench verify -Dtest=DsnParseBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DsnParseBenchmark {

	private static final int REPORTS = 24_000;

	private static final Session SESSION = Session.getInstance(new Properties());

	static {
		// as the application does at start
		CampaignDeliveryApplication.useMailStreamProvider();
	}

	@Test
	void parseReports() throws Exception {
		List<byte[]> shapes = new ArrayList<>();
		for (String file : List.of("postfix-hard", "postfix-delayed", "postfix-success", "exim-hard",
				"exim-mailbox-full", "exchange-hard", "gmail-hard", "gmail-delayed", "arf-complaint", "out-of-office",
				"vacation-plain", "challenge-response")) {
			try (InputStream in = getClass().getResourceAsStream("/bounces/" + file + ".eml")) {
				shapes.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)
					.replace("{{verp}}", "bounces+0000000000000001-0123456789abcdef@bounce.example.com")
					.replace("{{recipient}}", "ann@example.org")
					.replace("{{messageId}}", "<0000000000000001.0123456789abcdef@example.com>")
					.replace("{{sender}}", "news@example.com")
					.getBytes(StandardCharsets.UTF_8));
			}
		}
		long bestParser = Long.MAX_VALUE;
		long bestReference = Long.MAX_VALUE;
		int findings = 0;
		for (int round = 0; round < 3; round++) {
			long start = System.nanoTime();
			findings = 0;
			for (int i = 0; i < REPORTS; i++) {
				findings += ReportParser.parse(shapes.get(i % shapes.size())).findings().size();
			}
			bestParser = Math.min(bestParser, System.nanoTime() - start);
			start = System.nanoTime();
			int ids = 0;
			for (int i = 0; i < REPORTS; i++) {
				ids += reference(shapes.get(i % shapes.size())) ? 1 : 0;
			}
			bestReference = Math.min(bestReference, System.nanoTime() - start);
			assertThat(ids).isPositive();
		}
		assertThat(findings).isEqualTo(REPORTS / shapes.size() * 9);
		System.out.printf(Locale.ROOT, "DSN parse benchmark, %,d reports (12 shapes in turn), best of 3%n", REPORTS);
		System.out.printf(Locale.ROOT, "  ReportParser (DSN/ARF/auto-reply, every part)  %,10.0f reports/s%n",
				REPORTS / (bestParser / 1e9));
		System.out.printf(Locale.ROOT, "  reference: Jakarta Mail, headers only           %,10.0f reports/s%n",
				REPORTS / (bestReference / 1e9));
	}

	private static boolean reference(byte[] raw) throws MessagingException, IOException {
		return new MimeMessage(SESSION, new ByteArrayInputStream(raw)).getMessageID() != null;
	}

}
