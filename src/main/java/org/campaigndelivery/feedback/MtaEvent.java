package org.campaigndelivery.feedback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the MTA reported about one message.
 *
 * @param at when it happened; null when the report gives no time, until
 * {@link FeedbackService} receives it and gives it the time of its receipt
 */
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

	/**
	 * The key of an event that gives no time of its own. Such an event is about one
	 * attempt of the message: the same report received again about the same attempt is
	 * the same event, a report about a later attempt another one. The key starts with the
	 * log's id instead of a time, so that the events of one batch, about messages sent
	 * together, still land on neighbouring pages of the key index.
	 * @param logId the message's log; 0 for a message no log has
	 * @param attempt the attempt the event is about; 0 for a message no log has
	 */
	UUID keyAbout(long logId, int attempt) {
		return clustered(logId, digest("attempt " + attempt));
	}

	/** The same event, happened at the given time. */
	MtaEvent at(OffsetDateTime time) {
		return new MtaEvent(this.messageId, this.type, this.smtpStatus, this.diagnostic, time);
	}

	/** The first 128 bits of a SHA-256 digest of all the event says. */
	UUID digest() {
		return digest(this.at.toInstant().toString());
	}

	private UUID digest(String when) {
		String canonical = String.join("\u0000", this.messageId, this.type.name(), String.valueOf(this.smtpStatus),
				String.valueOf(this.diagnostic), when);
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
		return clustered(at.toInstant().toEpochMilli(), digest);
	}

	private static UUID clustered(long prefix, UUID digest) {
		return new UUID((prefix << 16) | (digest.getMostSignificantBits() & 0xFFFFL), digest.getLeastSignificantBits());
	}

}
