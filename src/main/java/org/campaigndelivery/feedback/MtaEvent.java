package org.campaigndelivery.feedback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What the MTA reported about one message. */
public record MtaEvent(String messageId, Type type, String smtpStatus, String diagnostic, OffsetDateTime at) {

	public enum Type {

		DELIVERED, HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT,
		/**
		 * A warning that the MTA still holds the message and keeps trying (a DSN's
		 * {@code Action: delayed}, a provider's "deferred"): recorded on the log, never a
		 * bounce, never a reason to send the message again.
		 */
		DELAYED

	}

	/**
	 * Identifies the event: the same report received twice has the same key. The key
	 * starts with the event's millisecond, so that the events of one batch, which
	 * happened at about the same time, land on a few neighbouring pages of the key index
	 * instead of one random page each; the rest comes from a SHA-256 digest of all the
	 * event says.
	 */
	UUID key() {
		return clustered(this.at, digest());
	}

	/** The first 128 bits of a SHA-256 digest of all the event says. */
	UUID digest() {
		String canonical = String.join("\u0000", this.messageId, this.type.name(), String.valueOf(this.smtpStatus),
				String.valueOf(this.diagnostic), this.at.toInstant().toString());
		try {
			ByteBuffer digest = ByteBuffer
				.wrap(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
			return new UUID(digest.getLong(), digest.getLong());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * The key of an event that happened at {@code at}: its epoch millisecond in the first
	 * 48 bits, the digest's last 80 bits after it. A key made this way stays as it is
	 * when made again, which lets stored keys be converted more than once.
	 */
	static UUID clustered(OffsetDateTime at, UUID digest) {
		long millis = at.toInstant().toEpochMilli();
		return new UUID((millis << 16) | (digest.getMostSignificantBits() & 0xFFFFL), digest.getLeastSignificantBits());
	}

}
