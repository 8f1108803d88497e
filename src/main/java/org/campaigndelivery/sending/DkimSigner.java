package org.campaigndelivery.sending;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Signs relayed messages with DKIM (RFC 6376: rsa-sha256, relaxed/relaxed) when
 * delivery.dkim.* is set. It signs the bytes the SMTP connection is about to send, so
 * what is signed is what leaves, whatever the transport changed before.
 *
 * <p>
 * Written here rather than taken from a library: the one at hand (utils-mail-dkim) signs
 * a copy of each message made through a byte array, which drops the SMTPMessage's
 * envelope sender (the VERP address), shares one Signature among every thread, and may
 * look the key up in DNS at start.
 */
@Component
class DkimSigner {

	/** The headers signed, when the message has them. */
	static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
			"Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post");

	private static final Pattern SPACES = Pattern.compile("[ \t]+");

	private final String domain;

	private final String selector;

	/**
	 * One initialised Signature per lane thread: getting and initialising one costs about
	 * as much as the hash of a message.
	 */
	private final ThreadLocal<Signature> signatures;

	private final Clock clock;

	DkimSigner(DkimProperties properties, Clock clock) {
		this.clock = clock;
		this.domain = properties.domain();
		this.selector = properties.selector();
		if (!properties.signs()) {
			this.signatures = null;
			return;
		}
		RSAPrivateKey key = readKey(properties);
		this.signatures = ThreadLocal.withInitial(() -> {
			try {
				Signature signature = Signature.getInstance("SHA256withRSA");
				signature.initSign(key);
				return signature;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("The DKIM key cannot sign", ex);
			}
		});
	}

	/** Whether messages are signed. */
	boolean signs() {
		return this.signatures != null;
	}

	/**
	 * The message, its line ends made CRLF, behind its DKIM-Signature header.
	 * @param message a message as written for SMTP (headers, a blank line, the body)
	 */
	byte[] sign(byte[] message) {
		byte[] crlf = crlf(message);
		int bodyStart = bodyStart(crlf);
		List<String> fields = headerFields(crlf, bodyStart);
		StringBuilder signedNames = new StringBuilder();
		StringBuilder hashed = new StringBuilder();
		for (String name : SIGNED_HEADERS) {
			String field = last(fields, name);
			if (field != null) {
				signedNames.append(signedNames.isEmpty() ? "" : ":").append(name);
				hashed.append(relaxedHeader(field)).append("\r\n");
			}
		}
		String tags = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + this.domain + "; s=" + this.selector + "; t="
				+ this.clock.instant().getEpochSecond() + "; h=" + signedNames + "; bh=" + bodyHash(crlf, bodyStart)
				+ "; b=";
		hashed.append(relaxedHeader("DKIM-Signature: " + tags));
		String b;
		try {
			Signature signature = this.signatures.get();
			signature.update(hashed.toString().getBytes(StandardCharsets.ISO_8859_1));
			b = Base64.getEncoder().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The message cannot be DKIM-signed", ex);
		}
		byte[] header = fold("DKIM-Signature: " + tags, b).getBytes(StandardCharsets.US_ASCII);
		byte[] signed = new byte[header.length + crlf.length];
		System.arraycopy(header, 0, signed, 0, header.length);
		System.arraycopy(crlf, 0, signed, header.length, crlf.length);
		return signed;
	}

	/**
	 * The tags one to a line and the signature in lines of 72, so that no line of the
	 * header passes 78 characters but the h= list; relaxed canonicalisation reads the
	 * folds as single spaces, as the signature was computed over.
	 */
	private static String fold(String header, String b) {
		StringBuilder folded = new StringBuilder(header.replace("; ", ";\r\n\t"));
		for (int i = 0; i < b.length(); i += 72) {
			folded.append("\r\n\t ").append(b, i, Math.min(b.length(), i + 72));
		}
		return folded.append("\r\n").toString();
	}

	/**
	 * SHA-256 of the body, relaxed (RFC 6376, 3.4.4): each run of spaces and tabs one
	 * space, none at a line's end, no empty line at the end.
	 */
	private static String bodyHash(byte[] message, int bodyStart) {
		byte[] canonical = new byte[message.length - bodyStart + 2];
		int length = 0;
		int hashed = 0;
		int i = bodyStart;
		while (i < message.length) {
			int lineStart = length;
			boolean space = false;
			while (i < message.length && !(message[i] == '\r' && i + 1 < message.length && message[i + 1] == '\n')) {
				byte c = message[i++];
				if (c == ' ' || c == '\t') {
					space = true;
				}
				else {
					if (space) {
						canonical[length++] = ' ';
						space = false;
					}
					canonical[length++] = c;
				}
			}
			i += 2;
			boolean empty = length == lineStart;
			canonical[length++] = '\r';
			canonical[length++] = '\n';
			if (!empty) {
				hashed = length;
			}
		}
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(canonical, 0, hashed);
			return Base64.getEncoder().encodeToString(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * A header field relaxed (RFC 6376, 3.4.2): name:value, unfolded, spaces made one.
	 */
	private static String relaxedHeader(String field) {
		int colon = field.indexOf(':');
		String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
		String value = SPACES.matcher(field.substring(colon + 1).replace("\r\n", "")).replaceAll(" ").strip();
		return name + ":" + value;
	}

	/**
	 * The last field of that name, as RFC 6376 5.4.2 signs when a name is listed once.
	 */
	private static String last(List<String> fields, String name) {
		for (int i = fields.size() - 1; i >= 0; i--) {
			String field = fields.get(i);
			int colon = field.indexOf(':');
			if (colon > 0 && field.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return field;
			}
		}
		return null;
	}

	/** The header fields, each with its folds. */
	private static List<String> headerFields(byte[] message, int bodyStart) {
		String header = new String(message, 0, Math.max(0, bodyStart - 2), StandardCharsets.ISO_8859_1);
		List<String> fields = new ArrayList<>();
		int start = 0;
		while (start < header.length()) {
			int end = header.indexOf("\r\n", start);
			end = (end < 0) ? header.length() : end;
			// a line that starts with a space or a tab folds the field before it
			while (end + 2 < header.length() && (header.charAt(end + 2) == ' ' || header.charAt(end + 2) == '\t')) {
				int next = header.indexOf("\r\n", end + 2);
				end = (next < 0) ? header.length() : next;
			}
			if (end > start) {
				fields.add(header.substring(start, end));
			}
			start = end + 2;
		}
		return fields;
	}

	/** Where the body starts: after the first empty line. */
	private static int bodyStart(byte[] message) {
		for (int i = 0; i + 3 < message.length; i++) {
			if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
				return i + 4;
			}
		}
		return message.length;
	}

	/**
	 * The message with every line ending in CRLF: MIME writes a 7bit body's line ends as
	 * the text has them and the SMTP connection turns them into CRLF, so that is what the
	 * receiver hashes.
	 */
	private static byte[] crlf(byte[] message) {
		int bare = 0;
		for (int i = 0; i < message.length; i++) {
			if (bareLineEnd(message, i)) {
				bare++;
			}
		}
		if (bare == 0) {
			return message;
		}
		byte[] crlf = new byte[message.length + bare];
		int length = 0;
		for (int i = 0; i < message.length; i++) {
			if (bareLineEnd(message, i)) {
				crlf[length++] = '\r';
				crlf[length++] = '\n';
			}
			else {
				crlf[length++] = message[i];
			}
		}
		return crlf;
	}

	private static boolean bareLineEnd(byte[] message, int i) {
		return (message[i] == '\n' && (i == 0 || message[i - 1] != '\r'))
				|| (message[i] == '\r' && (i + 1 == message.length || message[i + 1] != '\n'));
	}

	private static RSAPrivateKey readKey(DkimProperties properties) {
		String where = "delivery.dkim.private-key (" + properties.privateKey() + ")";
		String pem;
		try {
			pem = Files.readString(properties.privateKey(), StandardCharsets.US_ASCII);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(where + " cannot be read: " + ex, ex);
		}
		int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (begin < 0 || end < begin) {
			throw new IllegalStateException(where + " holds no PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----)"
					+ (pem.contains("-----BEGIN RSA PRIVATE KEY-----")
							? "; it is PKCS#1: convert it with openssl pkcs8 -topk8 -nocrypt" : ""));
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder()
				.decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(where + " holds a PEM block that is not Base64", ex);
		}
		try {
			RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(der));
			if (key.getModulus().bitLength() < 1024) {
				throw new IllegalStateException(where + " is an RSA key of " + key.getModulus().bitLength()
						+ " bits; DKIM verifiers ignore keys under 1024 bits (RFC 8301), 2048 is usual");
			}
			return key;
		}
		catch (InvalidKeySpecException ex) {
			throw new IllegalStateException(where + " is not an RSA private key: DKIM signs with rsa-sha256", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has RSA", ex);
		}
	}

}
