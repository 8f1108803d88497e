package org.campaigndelivery.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.support.DeliveryFlow;

/**
 * The reports of src/test/resources/bounces, filled in for a relayed message: its
 * recipient, its Message-ID, its VERP envelope sender (or, without VERP, the From
 * address), and dates of an MTA answering now, after the relay; or, for the parser's own
 * tests, for one fixed message with the dates as written.
 */
final class BounceFixtures {

	/** The recipient of the message {@link #sample} reports on. */
	static final String RECIPIENT = "ann@example.org";

	/** The Message-ID of the message {@link #sample} reports on. */
	static final String MESSAGE_ID = "<0000000000000001.0123456789abcdef@example.com>";

	/** The VERP envelope sender of the message {@link #sample} reports on. */
	static final String VERP = "bounces+0000000000000001-0123456789abcdef@bounce.example.com";

	private static final Pattern DATE = Pattern
		.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}");

	private BounceFixtures() {
	}

	static String report(DeliveryFlow flow, VerpAddresses verp, String file, String deliveryId, String recipient,
			boolean withVerp) {
		String messageId = flow.log(deliveryId, recipient).get("messageId").asText();
		long logId = MessageIds.logId(messageId).getAsLong();
		String text = read(file);
		String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1));
		return DATE.matcher(text)
			.replaceAll(now)
			.replace("{{verp}}", withVerp ? verp.envelopeSender(logId).orElseThrow() : "news@example.com")
			.replace("{{recipient}}", recipient)
			.replace("{{messageId}}", messageId)
			.replace("{{sender}}", "news@example.com");
	}

	/**
	 * The report as written, dates included, about a message to {@link #RECIPIENT} with
	 * {@link #MESSAGE_ID}, sent with the envelope sender {@link #VERP}.
	 */
	static byte[] sample(String file) {
		return read(file).replace("{{verp}}", VERP)
			.replace("{{recipient}}", RECIPIENT)
			.replace("{{messageId}}", MESSAGE_ID)
			.replace("{{sender}}", "news@example.com")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String read(String file) {
		try (InputStream in = BounceFixtures.class.getResourceAsStream("/bounces/" + file)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
