package org.campaigndelivery.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Tokens of tracking and unsubscribe URLs: the token's fields in base64url, a dot, and
 * the first 128 bits of their HMAC-SHA256. A token whose signature does not match
 * (forged, altered, truncated) names nothing.
 */
@Component
class TrackingTokens {

	private static final String ALGORITHM = "HmacSHA256";

	private static final int SIGNATURE_BYTES = 16;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final TrackingProperties properties;

	private final TrackingRepository repository;

	private volatile SecretKeySpec key;

	/** A Mac per relaying thread: creating one for every URL of every message costs. */
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key());
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	});

	private final Clock clock;

	TrackingTokens(TrackingProperties properties, TrackingRepository repository, Clock clock) {
		this.clock = clock;
		this.properties = properties;
		this.repository = repository;
	}

	String sign(Token token) {
		String fields = token.kind().code + "|" + token.logId() + "|" + token.deliveryId() + "|" + token.relayedAt()
				+ (token.url() == null ? "" : "|" + token.url());
		byte[] payload = fields.getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature(payload));
	}

	/** The token's fields, or empty when it is not one this application signed. */
	Optional<Token> verify(String token) {
		try {
			int dot = token.lastIndexOf('.');
			if (dot <= 0) {
				return Optional.empty();
			}
			byte[] payload = DECODER.decode(token.substring(0, dot));
			// Compared as text: base64 leaves spare bits in its last character, which a
			// decoder ignores, so that decoded bytes alone would let a changed token
			// pass.
			String expected = ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature(payload));
			if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
					token.getBytes(StandardCharsets.UTF_8))) {
				return Optional.empty();
			}
			String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", 5);
			if (fields.length < 4 || fields[0].length() != 1) {
				return Optional.empty();
			}
			return Optional.of(new Token(Token.Kind.of(fields[0].charAt(0)), Long.parseLong(fields[1]), fields[2],
					Long.parseLong(fields[3]), fields.length == 5 ? fields[4] : null));
		}
		catch (IllegalArgumentException ex) {
			// not base64url, not a number, not a kind: not a token of ours
			return Optional.empty();
		}
	}

	private byte[] signature(byte[] payload) {
		return Arrays.copyOf(this.macs.get().doFinal(payload), SIGNATURE_BYTES);
	}

	private SecretKeySpec key() {
		SecretKeySpec current = this.key;
		if (current == null) {
			String secret = this.properties.secret();
			if (secret == null || secret.isBlank()) {
				byte[] candidate = new byte[32];
				new SecureRandom().nextBytes(candidate);
				secret = this.repository.key(ENCODER.encodeToString(candidate), OffsetDateTime.now(this.clock));
			}
			current = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
			this.key = current;
		}
		return current;
	}

}
