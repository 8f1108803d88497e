package org.campaigndelivery.sendinglog;

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

	private static String token(String deliveryId) {
		String hex = deliveryId.replace("-", "");
		return (hex.length() >= HEX) ? hex.substring(0, HEX) : hex16(hex.hashCode());
	}

	private static String hex16(long value) {
		String hex = Long.toHexString(value);
		return "0".repeat(HEX - hex.length()) + hex;
	}

}
