package org.campaigndelivery.feedback;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.campaigndelivery.sendinglog.FailureReason;
import org.campaigndelivery.sendinglog.FailureType;

/**
 * The failure type and reason of a bounce, from its RFC 3463 enhanced status code (5.x.x
 * hard, 4.x.x soft) or, without one, its basic SMTP reply code, or else from what the MTA
 * called it. Out-of-office replies are ignored whatever their code.
 */
public record Classification(FailureType type, FailureReason reason) {

	private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

	private static final Pattern BASIC = Pattern.compile("(?<!\\d)([245])\\d\\d(?!\\d)");

	private static final Pattern OUT_OF_OFFICE = Pattern
		.compile("out of (the )?office|auto-?reply|automatic reply|vacation", Pattern.CASE_INSENSITIVE);

	/**
	 * @param reportedHard what the MTA called it when no code says: a hard bounce (true)
	 * or a soft one
	 */
	public static Classification of(String smtpStatus, String diagnostic, boolean reportedHard) {
		String text = (smtpStatus == null ? "" : smtpStatus) + " " + (diagnostic == null ? "" : diagnostic);
		if (OUT_OF_OFFICE.matcher(text).find()) {
			return new Classification(FailureType.IGNORED, FailureReason.OUT_OF_OFFICE);
		}
		Matcher enhanced = ENHANCED.matcher(text);
		if (enhanced.find()) {
			FailureType type = typeOf(enhanced.group(1), reportedHard);
			return new Classification(type, reason(enhanced.group(2) + "." + enhanced.group(3)));
		}
		Matcher basic = BASIC.matcher(text);
		FailureType type = basic.find() ? typeOf(basic.group(1), reportedHard)
				: reportedHard ? FailureType.HARD : FailureType.SOFT;
		return new Classification(type, reasonFromText(text));
	}

	private static FailureType typeOf(String codeClass, boolean reportedHard) {
		return switch (codeClass) {
			case "5" -> FailureType.HARD;
			case "4" -> FailureType.SOFT;
			default -> reportedHard ? FailureType.HARD : FailureType.SOFT;
		};
	}

	private static FailureReason reason(String subjectDetail) {
		return switch (subjectDetail) {
			// 1.10: Exchange's "recipient not found"
			case "1.1", "1.10" -> FailureReason.USER_UNKNOWN;
			case "2.2", "3.1" -> FailureReason.MAILBOX_FULL;
			case "1.2", "4.4" -> FailureReason.INVALID_DOMAIN;
			case "2.1" -> FailureReason.ACCOUNT_DISABLED;
			case "4.1", "4.2" -> FailureReason.UNREACHABLE;
			case "4.7" -> FailureReason.DELIVERY_TIME_EXPIRED;
			default -> subjectDetail.startsWith("7.") ? FailureReason.REFUSED : FailureReason.NOT_DEFINED;
		};
	}

	private static FailureReason reasonFromText(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		if (lower.contains("user unknown") || lower.contains("no such user") || lower.contains("does not exist")) {
			return FailureReason.USER_UNKNOWN;
		}
		if (lower.contains("mailbox full") || lower.contains("quota")) {
			return FailureReason.MAILBOX_FULL;
		}
		return FailureReason.NOT_DEFINED;
	}

}
