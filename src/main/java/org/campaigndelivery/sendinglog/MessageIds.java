package org.campaigndelivery.sendinglog;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Message-IDs that name their sending log:
 * {@code <log id.delivery token@sender's domain>}, both parts 16 hex digits. They are a
 * function of the log alone, so an MTA event can find its log before the relay that sent
 * the message is recorded, and a retry goes out under the same Message-ID as the first
 * attempt.
 * <p>
 * The log id comes first at a fixed width: consecutive logs get neighbouring keys in the
 * Message-ID index instead of random places all over it. The delivery token is the first
 * half of the delivery's random UUID, so the id stays unique beyond this installation.
 */
public final class MessageIds {

	private static final int HEX = 16;

	private MessageIds() {
	}

	public static String of(long logId, String deliveryId, String sender) {
		return "<" + hex16(logId) + "." + token(deliveryId) + "@" + sender.substring(sender.lastIndexOf('@') + 1) + ">";
	}

	/**
	 * The log a Message-ID of ours names; empty for any other, which may still be stored
	 * as the Message-ID of a log sent before Message-IDs named their delivery.
	 */
	public static OptionalLong logId(String messageId) {
		int start = messageId.startsWith("<") ? 1 : 0;
		int dot = start + HEX;
		if (messageId.length() < dot + 1 + HEX + 1 || messageId.charAt(dot) != '.'
				|| messageId.charAt(dot + 1 + HEX) != '@') {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseUnsignedLong(messageId.substring(start, dot), 16));
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * The envelope id a message is sent with when the MTA takes delivery status
	 * notification requests (RFC 3461 ENVID): its Message-ID without the angle brackets,
	 * as xtext, so that a report that returns no header still names the message in its
	 * Original-Envelope-Id. Empty when it would be longer than the 100 characters an MTA
	 * must accept.
	 */
	public static Optional<String> envelopeId(String messageId) {
		String bare = messageId.strip();
		if (bare.startsWith("<") && bare.endsWith(">")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		StringBuilder xtext = new StringBuilder(bare.length());
		for (int i = 0; i < bare.length(); i++) {
			char c = bare.charAt(i);
			if (c >= '!' && c <= '~' && c != '+' && c != '=') {
				xtext.append(c);
			}
			else if (c < 0x80) {
				xtext.append('+').append(String.format("%02X", (int) c));
			}
			else {
				return Optional.empty();
			}
		}
		return (xtext.isEmpty() || xtext.length() > 100) ? Optional.empty() : Optional.of(xtext.toString());
	}

	/**
	 * The Message-ID an Original-Envelope-Id names, in angle brackets; empty when it is
	 * not xtext or names nothing.
	 */
	public static Optional<String> ofEnvelopeId(String envelopeId) {
		if (envelopeId == null) {
			return Optional.empty();
		}
		String xtext = envelopeId.strip();
		StringBuilder decoded = new StringBuilder(xtext.length());
		for (int i = 0; i < xtext.length(); i++) {
			char c = xtext.charAt(i);
			if (c == '+') {
				if (i + 3 > xtext.length()) {
					return Optional.empty();
				}
				try {
					decoded.append((char) Integer.parseInt(xtext.substring(i + 1, i + 3), 16));
				}
				catch (NumberFormatException ex) {
					return Optional.empty();
				}
				i += 2;
			}
			else {
				decoded.append(c);
			}
		}
		String id = decoded.toString().strip();
		return (id.isEmpty() || id.length() > 253 || !id.contains("@")) ? Optional.empty()
				: Optional.of("<" + id + ">");
	}

	private static String token(String deliveryId) {
		String hex = deliveryId.replace("-", "");
		return (hex.length() >= HEX) ? hex.substring(0, HEX) : hex16(hex.hashCode());
	}

	private static String hex16(long value) {
		String hex = Long.toHexString(value);
		return "0".repeat(HEX - hex.length()) + hex;
	}

}
