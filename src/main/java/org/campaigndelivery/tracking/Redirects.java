package org.campaigndelivery.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Location a click leads to: the link as the message had it, with what a URL may not
 * hold (spaces, angle brackets, non-ASCII letters a personalised value brought)
 * percent-encoded. Only http and https: a signed token never names anything else, and
 * this checks it once more.
 */
final class Redirects {

	private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			+ "-._~:/?#[]@!$&'()*+,;=%";

	private Redirects() {
	}

	static Optional<String> location(String url) {
		StringBuilder encoded = new StringBuilder(url.length() + 16);
		for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if (b >= 0 && ALLOWED.indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(String.format("%02X", b & 0xff));
			}
		}
		try {
			URI uri = new URI(encoded.toString());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return Optional.of(encoded.toString());
			}
		}
		catch (URISyntaxException ex) {
			// not a URL: no redirect
		}
		return Optional.empty();
	}

}
