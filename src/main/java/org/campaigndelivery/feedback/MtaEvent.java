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

		DELIVERED, HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT

	}

	/**
	 * Identifies the event: the same report received twice has the same key, the first
	 * 128 bits of a SHA-256 digest of all it says.
	 */
	UUID key() {
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

}
