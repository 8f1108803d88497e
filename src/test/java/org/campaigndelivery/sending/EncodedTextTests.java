package org.campaigndelivery.sending;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text part encoded ahead reads back as the text, with CRLF line breaks, in lines SMTP
 * and RFC 2045 allow, in the encoding Jakarta Mail would have chosen.
 */
class EncodedTextTests {

	@Test
	void shouldKeepShortAsciiLinesAs7bitWithCrlf() throws Exception {
		EncodedText encoded = EncodedText.of("Hello\nworld\r\n.\rend");

		assertThat(encoded.encoding()).isEqualTo("7bit");
		assertThat(new String(encoded.body(), StandardCharsets.US_ASCII)).isEqualTo("Hello\r\nworld\r\n.\r\nend");
	}

	@Test
	void shouldQuoteTextWithAccentsOrLongLinesAndReadBackTheSame() throws Exception {
		String longHtml = "<p style=\"color:red\">" + "Caf\u00e9 cr\u00e8me = 100 % ".repeat(80) + "</p>";
		for (String text : new String[] { "Zo\u00e9 \u00d6lund, caf\u00e9\n", longHtml, "a".repeat(1200),
				"trailing space \u00e9 \nand tab\t\nend ", "=3D is not a code \u00e9\n.dot at a line start\n",
				"x".repeat(75) + "\u00e9" + "y".repeat(74) + " " }) {
			EncodedText encoded = EncodedText.of(text);

			assertThat(encoded.encoding()).as(text).isEqualTo("quoted-printable");
			assertThat(decoded(encoded)).as(text).isEqualTo(text.replace("\n", "\r\n"));
			assertWellFormed(encoded.body());
		}
	}

	@Test
	void shouldUseBase64WhenMostOctetsAreNotAscii() throws Exception {
		String text = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! ".repeat(20);
		EncodedText encoded = EncodedText.of(text);

		assertThat(encoded.encoding()).isEqualTo("base64");
		assertThat(decoded(encoded)).isEqualTo(text);
		assertWellFormed(encoded.body());
	}

	@Test
	void shouldWriteAPartThatAMailReaderReadsBack() throws Exception {
		String html = "<p>Caf\u00e9 <a href=\"https://shop.example.com/?a=1&b=2\">sale</a></p>".repeat(30);
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setContent(new MimeMultipart("alternative", EncodedText.of("Caf\u00e9\n").part("plain"),
				EncodedText.of(html).part("html")));
		message.saveChanges();
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		message.writeTo(written);

		MimeMessage read = new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(written.toByteArray()));
		MimeMultipart parts = (MimeMultipart) read.getContent();
		assertThat(parts.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
		assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Caf\u00e9\r\n");
		assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("text/html; charset=UTF-8");
		assertThat(((MimeBodyPart) parts.getBodyPart(1)).getEncoding()).isEqualTo("quoted-printable");
		assertThat(parts.getBodyPart(1).getContent()).isEqualTo(html);
	}

	private static String decoded(EncodedText encoded) throws Exception {
		return new String(
				MimeUtility.decode(new ByteArrayInputStream(encoded.body()), encoded.encoding()).readAllBytes(),
				StandardCharsets.UTF_8);
	}

	private static void assertWellFormed(byte[] body) {
		String text = new String(body, StandardCharsets.US_ASCII);
		assertThat(text.replace("\r\n", "")).doesNotContain("\r", "\n");
		for (String line : text.split("\r\n", -1)) {
			assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
			assertThat(line).as(line).doesNotEndWith(" ").doesNotEndWith("\t");
			assertThat(line.chars().allMatch((c) -> c >= 32 && c < 127 || c == '\t')).as(line).isTrue();
		}
	}

}
