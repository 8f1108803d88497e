package org.campaigndelivery.sending;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;

/**
 * A text part's body already in its transfer encoding, written into one array. Jakarta
 * Mail encodes a part as it writes it, one byte at a time through five streams, and
 * encodes it once more before that to choose the encoding: for a 2 KB newsletter that was
 * a third of a lane's time. The choice is Jakarta Mail's: 7bit for ASCII whose lines fit
 * SMTP's 998 octets, base64 when most octets are not ASCII, quoted-printable otherwise.
 * Line breaks, however written, go out as CRLF.
 *
 * @param encoding the Content-Transfer-Encoding
 * @param body the encoded octets
 */
record EncodedText(String encoding, byte[] body) {

	/** RFC 5322's limit on a line, CRLF excluded. */
	private static final int MAX_LINE = 998;

	/** RFC 2045's limit on an encoded line, CRLF excluded. */
	private static final int MAX_ENCODED_LINE = 76;

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	static EncodedText of(String text) {
		byte[] octets = text.getBytes(StandardCharsets.UTF_8);
		int nonAscii = 0;
		int line = 0;
		int longest = 0;
		for (int i = 0; i < octets.length; i++) {
			byte b = octets[i];
			if (b == '\n') {
				longest = Math.max(longest, line);
				line = 0;
			}
			else if (b == '\r') {
				longest = Math.max(longest, line);
				line = 0;
			}
			else {
				line++;
				if (b < 0 || b == 0) {
					nonAscii++;
				}
			}
		}
		longest = Math.max(longest, line);
		if (nonAscii == 0 && longest <= MAX_LINE) {
			return new EncodedText("7bit", crlf(octets));
		}
		if (nonAscii > octets.length - nonAscii) {
			return new EncodedText("base64",
					Base64.getMimeEncoder(MAX_ENCODED_LINE, new byte[] { '\r', '\n' }).encode(octets));
		}
		return new EncodedText("quoted-printable", quotedPrintable(octets));
	}

	/** The body part of this text as MIME type text/{subtype} in UTF-8. */
	MimeBodyPart part(String subtype) throws MessagingException {
		InternetHeaders headers = new InternetHeaders();
		headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
		headers.setHeader("Content-Transfer-Encoding", this.encoding);
		return new MimeBodyPart(headers, this.body);
	}

	private static byte[] crlf(byte[] octets) {
		Bytes out = new Bytes(octets.length + octets.length / 32 + 2);
		int start = 0;
		for (int i = 0; i < octets.length; i++) {
			byte b = octets[i];
			if (b == '\r' || b == '\n') {
				out.add(octets, start, i - start);
				if (b == '\r' && i + 1 < octets.length && octets[i + 1] == '\n') {
					i++;
				}
				out.add('\r');
				out.add('\n');
				start = i + 1;
			}
		}
		out.add(octets, start, octets.length - start);
		return out.toArray();
	}

	/**
	 * RFC 2045 section 6.7: line breaks are hard breaks; spaces and tabs are encoded
	 * before one and at the end; lines are cut with a soft break before they pass 76
	 * characters.
	 */
	private static byte[] quotedPrintable(byte[] octets) {
		// At most three characters an octet, and a soft break each 25 octets.
		byte[] out = new byte[octets.length * 3 + (octets.length / 25 + 1) * 3];
		int size = 0;
		int column = 0;
		for (int i = 0; i < octets.length; i++) {
			int b = octets[i] & 0xff;
			if (b == '\r' || b == '\n') {
				if (b == '\r' && i + 1 < octets.length && octets[i + 1] == '\n') {
					i++;
				}
				out[size++] = '\r';
				out[size++] = '\n';
				column = 0;
				continue;
			}
			boolean lineEnds = i + 1 == octets.length || octets[i + 1] == '\r' || octets[i + 1] == '\n';
			boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnds);
			int width = literal ? 1 : 3;
			// Room is left for the soft break's "=" unless the line ends here.
			if (column + width > (lineEnds ? MAX_ENCODED_LINE : MAX_ENCODED_LINE - 1)) {
				out[size++] = '=';
				out[size++] = '\r';
				out[size++] = '\n';
				column = 0;
			}
			if (literal) {
				out[size++] = (byte) b;
			}
			else {
				out[size++] = '=';
				out[size++] = HEX[b >> 4];
				out[size++] = HEX[b & 0xf];
			}
			column += width;
		}
		return Arrays.copyOf(out, size);
	}

	/** An unsynchronised growing array of octets. */
	private static final class Bytes {

		private byte[] octets;

		private int size;

		Bytes(int capacity) {
			this.octets = new byte[capacity];
		}

		void add(int b) {
			if (this.size == this.octets.length) {
				this.octets = Arrays.copyOf(this.octets, this.octets.length * 2 + 2);
			}
			this.octets[this.size++] = (byte) b;
		}

		void add(byte[] from, int offset, int length) {
			if (this.size + length > this.octets.length) {
				this.octets = Arrays.copyOf(this.octets, Math.max(this.octets.length * 2, this.size + length));
			}
			System.arraycopy(from, offset, this.octets, this.size, length);
			this.size += length;
		}

		byte[] toArray() {
			return Arrays.copyOf(this.octets, this.size);
		}

	}

}
