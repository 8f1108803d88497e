package org.campaigndelivery.bounce;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.ParseException;

import org.campaigndelivery.bounce.InboundReport.Kind;
import org.campaigndelivery.feedback.MtaEvent;

/**
 * Reads a report a mail system sent back with Jakarta Mail: an RFC 3464 delivery status
 * notification ({@code multipart/report; report-type=delivery-status}), an RFC 5965 abuse
 * report ({@code report-type=feedback-report}), an RFC 3834 auto-reply, or anything else.
 * What each recipient block says becomes a {@link Finding}; the headers of the returned
 * message (its Message-ID, the envelope sender it went out with) say which message it is
 * about.
 */
final class ReportParser {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final Pattern BASIC = Pattern.compile("^\\s*([245]\\d\\d)[\\s-]");

	private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
			"^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesend|absence|vacation|r[ée]ponse automatique)",
			Pattern.CASE_INSENSITIVE);

	private ReportParser() {
	}

	static Report parse(byte[] raw) throws MessagingException, IOException {
		MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
		Headers headers = Headers.of(message);
		ContentType type = contentType(message);
		if (type != null && type.match("multipart/report")) {
			String reportType = String.valueOf(type.getParameter("report-type")).toLowerCase(Locale.ROOT);
			// read straight from the message's bytes: getContent() would look its
			// handler up in the mailcap registry, which costs more than the parse
			Multipart parts = new MimeMultipart(new MimePartDataSource(message));
			if (reportType.equals("delivery-status")) {
				return deliveryStatus(parts, headers);
			}
			if (reportType.equals("feedback-report")) {
				return feedbackReport(parts, headers);
			}
			return new Report(Kind.OTHER, List.of(), headers, null,
					"a report of type " + reportType + ", not about delivery");
		}
		if (autoReply(message)) {
			return new Report(Kind.AUTO_REPLY, List.of(), headers, null,
					"an auto-reply (" + first(message, "Subject") + ")");
		}
		return new Report(Kind.OTHER, List.of(), headers, null,
				"neither a delivery status notification nor an abuse report");
	}

	private static Report deliveryStatus(Multipart multipart, Headers headers) throws MessagingException, IOException {
		Parts parts = Parts.of(multipart, "message/delivery-status", "message/global-delivery-status");
		List<InternetHeaders> blocks = (parts.report() == null) ? List.of() : blocks(parts.report().getInputStream());
		InternetHeaders returned = parts.returned();
		if (blocks.isEmpty()) {
			return new Report(Kind.DSN, List.of(), headers, returned, "a delivery status notification without status");
		}
		InternetHeaders perMessage = blocks.get(0);
		OffsetDateTime arrival = date(perMessage.getHeader("Arrival-Date", null));
		List<Finding> findings = new ArrayList<>();
		for (InternetHeaders recipient : blocks.subList(1, blocks.size())) {
			MtaEvent.Type eventType = eventType(recipient.getHeader("Action", null),
					recipient.getHeader("Status", null));
			if (eventType == null) {
				continue;
			}
			OffsetDateTime at = date(recipient.getHeader("Last-Attempt-Date", null));
			String diagnostic = value(recipient.getHeader("Diagnostic-Code", null));
			findings.add(new Finding(address(recipient.getHeader("Final-Recipient", null)), eventType,
					smtpStatus(recipient.getHeader("Status", null), diagnostic), diagnostic,
					(at != null) ? at : (arrival != null) ? arrival : headers.date()));
		}
		Headers about = headers
			.with(perMessage.getHeader("X-Original-Message-ID", null), perMessage.getHeader("X-Postfix-Sender", null))
			.withEnvelopeId(value(perMessage.getHeader("Original-Envelope-Id", null)));
		return new Report(Kind.DSN, findings, about, returned,
				findings.isEmpty() ? "no recipient with an action" : null);
	}

	private static Report feedbackReport(Multipart multipart, Headers headers) throws MessagingException, IOException {
		Parts parts = Parts.of(multipart, "message/feedback-report");
		InternetHeaders feedback = (parts.report() == null) ? null
				: new InternetHeaders(parts.report().getInputStream());
		InternetHeaders returned = parts.returned();
		if (feedback == null) {
			return new Report(Kind.ABUSE_REPORT, List.of(), headers, returned, "an abuse report without its fields");
		}
		String feedbackType = String.valueOf(feedback.getHeader("Feedback-Type", null)).trim().toLowerCase(Locale.ROOT);
		if (feedbackType.equals("not-spam")) {
			return new Report(Kind.ABUSE_REPORT, List.of(), headers, returned, "a not-spam report");
		}
		OffsetDateTime arrival = date(feedback.getHeader("Arrival-Date", null));
		Finding complaint = new Finding(address(feedback.getHeader("Original-Rcpt-To", null)), MtaEvent.Type.COMPLAINT,
				null, "feedback-type " + feedbackType, (arrival != null) ? arrival : headers.date());
		Headers about = headers.with(null, feedback.getHeader("Original-Mail-From", null));
		return new Report(Kind.ABUSE_REPORT, List.of(complaint), about, returned, null);
	}

	/**
	 * RFC 3464: failed is a bounce, hard with a 5.x.x status and soft with a 4.x.x one
	 * (an MTA that gave up on a temporary failure, so the message is ours to retry);
	 * delayed is a warning that the MTA still holds the message and keeps trying, never a
	 * bounce; delivered, relayed (to a system that reports no further) and expanded (to a
	 * list's members) are deliveries.
	 */
	private static MtaEvent.Type eventType(String action, String status) {
		String a = String.valueOf(action).trim().toLowerCase(Locale.ROOT);
		String s = String.valueOf(status).trim();
		return switch (a) {
			case "failed" -> s.startsWith("4") ? MtaEvent.Type.SOFT_BOUNCE : MtaEvent.Type.HARD_BOUNCE;
			case "delayed" -> MtaEvent.Type.DELAYED;
			case "delivered", "relayed", "expanded" -> MtaEvent.Type.DELIVERED;
			default -> null;
		};
	}

	/**
	 * The reply code the diagnostic starts with, and the enhanced status: "550 5.1.1". A
	 * status that says nothing in particular (Exim's 5.0.0) gives way to the one the
	 * remote server's diagnostic holds.
	 */
	private static String smtpStatus(String status, String diagnostic) {
		Matcher enhanced = STATUS.matcher(String.valueOf(status));
		String code = enhanced.find() ? enhanced.group() : null;
		Matcher specific = STATUS.matcher(String.valueOf(diagnostic));
		if (specific.find()
				&& (code == null || (code.endsWith(".0.0") && specific.group(1).equals(code.substring(0, 1))))) {
			code = specific.group();
		}
		Matcher basic = BASIC.matcher(String.valueOf(diagnostic));
		String reply = basic.find() ? basic.group(1) : null;
		String joined = ((reply == null) ? "" : reply + " ") + ((code == null) ? "" : code);
		return joined.isBlank() ? null : joined.trim();
	}

	/**
	 * RFC 3834's Auto-Submitted, and the headers and subjects auto-responders used before
	 * it (X-Autoreply, Precedence: auto_reply, Exchange's X-Auto-Response-Suppress).
	 */
	private static boolean autoReply(MimeMessage message) throws MessagingException {
		String autoSubmitted = first(message, "Auto-Submitted");
		if (autoSubmitted != null && !autoSubmitted.trim().toLowerCase(Locale.ROOT).startsWith("no")) {
			return true;
		}
		if (first(message, "X-Autoreply") != null || first(message, "X-Autorespond") != null
				|| first(message, "X-Auto-Response-Suppress") != null) {
			return true;
		}
		String precedence = String.valueOf(first(message, "Precedence")).toLowerCase(Locale.ROOT);
		String subject = message.getSubject();
		return precedence.contains("auto_reply") || (subject != null && AUTO_REPLY_SUBJECT.matcher(subject).find());
	}

	private static boolean returnedHeaders(ContentType type) {
		return type.match("message/rfc822") || type.match("text/rfc822-headers") || type.match("message/global")
				|| type.match("message/global-headers");
	}

	/**
	 * The header blocks of a delivery-status part: the per-message fields, then one block
	 * per recipient, separated by blank lines.
	 */
	private static List<InternetHeaders> blocks(InputStream in) throws MessagingException, IOException {
		List<InternetHeaders> blocks = new ArrayList<>();
		BufferedInputStream stream = new BufferedInputStream(in);
		while (true) {
			skipBlankLines(stream);
			stream.mark(1);
			if (stream.read() < 0) {
				return blocks;
			}
			stream.reset();
			InternetHeaders block = new InternetHeaders(stream);
			if (block.getAllHeaders().hasMoreElements()) {
				blocks.add(block);
			}
		}
	}

	private static void skipBlankLines(BufferedInputStream stream) throws IOException {
		while (true) {
			stream.mark(1);
			int c = stream.read();
			if (c != '\r' && c != '\n') {
				if (c >= 0) {
					stream.reset();
				}
				return;
			}
		}
	}

	private static ContentType contentType(Part part) throws MessagingException {
		try {
			String type = part.getContentType();
			return (type == null) ? null : new ContentType(type);
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static String first(MimeMessage message, String name) throws MessagingException {
		String[] values = message.getHeader(name);
		return (values == null || values.length == 0) ? null : values[0];
	}

	/** "rfc822; ann@example.com" → "ann@example.com". */
	private static String address(String field) {
		String value = value(field);
		if (value == null) {
			return null;
		}
		value = value.trim();
		if (value.startsWith("<") && value.endsWith(">")) {
			value = value.substring(1, value.length() - 1);
		}
		return value.isEmpty() ? null : value;
	}

	/**
	 * The text after a typed field's "type;" (RFC 3464's address and diagnostic types).
	 */
	private static String value(String field) {
		if (field == null) {
			return null;
		}
		String unfolded = field.replaceAll("\\r?\\n[ \\t]+", " ").trim();
		int semicolon = unfolded.indexOf(';');
		if (semicolon > 0 && semicolon < 20 && unfolded.substring(0, semicolon).matches("[A-Za-z0-9-]+")) {
			unfolded = unfolded.substring(semicolon + 1).trim();
		}
		return unfolded.isEmpty() ? null : unfolded;
	}

	static OffsetDateTime date(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String cleaned = text.replaceAll("\\s*\\([^)]*\\)\\s*$", "").trim();
		try {
			return OffsetDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME);
		}
		catch (DateTimeParseException ex) {
			try {
				Date date = new MailDateFormat().parse(cleaned);
				return (date == null) ? null : date.toInstant().atOffset(ZoneOffset.UTC);
			}
			catch (java.text.ParseException notADate) {
				return null;
			}
		}
	}

	/**
	 * The parts of a multipart/report that matter: the machine-readable report, and the
	 * headers of the message it returns (a whole message/rfc822 or its
	 * text/rfc822-headers).
	 */
	private record Parts(BodyPart report, InternetHeaders returned) {

		static Parts of(Multipart multipart, String... reportTypes) throws MessagingException, IOException {
			BodyPart report = null;
			InternetHeaders returned = null;
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				ContentType type = contentType(part);
				if (type == null) {
					continue;
				}
				if (List.of(reportTypes).stream().anyMatch(type::match)) {
					report = part;
				}
				else if (returnedHeaders(type)) {
					returned = new InternetHeaders(part.getInputStream());
				}
			}
			return new Parts(report, returned);
		}

	}

	/**
	 * What a report says about one recipient.
	 *
	 * @param smtpStatus the reply code and enhanced status, such as "550 5.1.1"
	 * @param at when it happened, as the report says
	 */
	record Finding(String recipient, MtaEvent.Type type, String smtpStatus, String diagnostic, OffsetDateTime at) {
	}

	/**
	 * The report's own headers that may name the message it is about.
	 *
	 * @param addressedTo where the report was delivered: the envelope sender of the
	 * original message, a VERP address if it had one
	 * @param originalMessageId a Message-ID the report quotes outside the returned
	 * headers
	 * @param originalSender the original envelope sender, as the report quotes it
	 * @param envelopeId the envelope id the message was sent with (RFC 3461 ENVID), as
	 * the report's Original-Envelope-Id quotes it
	 */
	record Headers(List<String> addressedTo, String originalMessageId, String originalSender, OffsetDateTime date,
			String envelopeId) {

		static Headers of(MimeMessage message) throws MessagingException {
			List<String> to = new ArrayList<>();
			for (String name : List.of("Delivered-To", "X-Original-To", "Envelope-To", "To")) {
				String[] values = message.getHeader(name);
				if (values != null) {
					to.addAll(List.of(values));
				}
			}
			String[] date = message.getHeader("Date");
			return new Headers(to, null, null, (date == null) ? null : ReportParser.date(date[0]), null);
		}

		Headers with(String originalMessageId, String originalSender) {
			return new Headers(this.addressedTo, originalMessageId, originalSender, this.date, this.envelopeId);
		}

		Headers withEnvelopeId(String envelopeId) {
			return new Headers(this.addressedTo, this.originalMessageId, this.originalSender, this.date, envelopeId);
		}

	}

	/**
	 * @param returned the returned message's headers, when the report holds them
	 * @param detail why it gives no finding, when it does not
	 */
	record Report(Kind kind, List<Finding> findings, Headers headers, InternetHeaders returned, String detail) {

		String returnedHeader(String name) {
			return (this.returned == null) ? null : this.returned.getHeader(name, null);
		}

	}

}
