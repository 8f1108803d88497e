package org.campaigndelivery.bounce;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * VERP envelope senders: {@code bounces+LOG-SIGNATURE@bounce-domain}, the log's id and
 * the first 64 bits of an HMAC-SHA256 of it, in hex. A bounce goes back to the envelope
 * sender, so the address it is sent to names the log even when the bouncing MTA returns
 * none of the original headers; the signature keeps anyone from bouncing logs of their
 * choosing.
 */
@Component
public class VerpAddresses {

	private static final Pattern ADDRESS = Pattern
		.compile("([^+@<>\\s]+)[+ ]([0-9a-fA-F]{16})-([0-9a-fA-F]{16})@([^@<>\\s]+)");

	private static final HexFormat HEX = HexFormat.of();

	private final BounceProperties properties;

	private final BounceRepository repository;

	private volatile SecretKeySpec key;

	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key());
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	});

	private final Clock clock;

	VerpAddresses(BounceProperties properties, BounceRepository repository, Clock clock) {
		this.clock = clock;
		this.properties = properties;
		this.repository = repository;
	}

	/** The envelope sender of the log's message; empty when VERP is off. */
	public Optional<String> envelopeSender(long logId) {
		if (!this.properties.verp()) {
			return Optional.empty();
		}
		String log = hex16(logId);
		return Optional.of(this.properties.localPart() + "+" + log + "-" + signature(log) + "@"
				+ this.properties.domain().trim().toLowerCase(Locale.ROOT));
	}

	/**
	 * The log a VERP address found in a text names (an address, or a header such as
	 * {@code Bounces <bounces+...@...>}); empty when it holds none this application
	 * signed. A {@code +} that arrived as a space, as it does in a query parameter a pipe
	 * did not encode, still counts: the signature decides.
	 */
	public OptionalLong logId(String text) {
		if (text == null) {
			return OptionalLong.empty();
		}
		Matcher matcher = ADDRESS.matcher(text);
		while (matcher.find()) {
			String log = matcher.group(2).toLowerCase(Locale.ROOT);
			byte[] expected = signature(log).getBytes(StandardCharsets.US_ASCII);
			byte[] given = matcher.group(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
			if (MessageDigest.isEqual(expected, given)) {
				return OptionalLong.of(Long.parseUnsignedLong(log, 16));
			}
		}
		return OptionalLong.empty();
	}

	private String signature(String log) {
		byte[] mac = this.macs.get().doFinal(("verp|" + log).getBytes(StandardCharsets.US_ASCII));
		return HEX.formatHex(mac, 0, 8);
	}

	private static String hex16(long value) {
		String hex = Long.toHexString(value);
		return "0".repeat(16 - hex.length()) + hex;
	}

	private SecretKeySpec key() {
		if (this.key == null) {
			String secret = this.properties.secret();
			if (secret == null || secret.isBlank()) {
				byte[] random = new byte[32];
				new SecureRandom().nextBytes(random);
				secret = this.repository.key(HEX.formatHex(random), OffsetDateTime.now(this.clock));
			}
			this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		}
		return this.key;
	}

}
