package org.campaigndelivery.sending;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * DKIM signing of every relayed message (RFC 6376, rsa-sha256, relaxed/relaxed): on when
 * all three are set, off when none is. The public key is published in DNS as a TXT record
 * at {@code <selector>._domainkey.<domain>}.
 *
 * @param domain the signing domain (d=), normally the domain of the From addresses
 * @param selector the selector (s=) that names the key under the domain
 * @param privateKey a file holding the RSA private key as PEM PKCS#8 ("-----BEGIN PRIVATE
 * KEY-----")
 */
@ConfigurationProperties("delivery.dkim")
record DkimProperties(String domain, String selector, Path privateKey) {

	private static final Pattern DOMAIN = Pattern
		.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9])?)*");

	DkimProperties {
		domain = blankToNull(domain);
		selector = blankToNull(selector);
		List<String> missing = new ArrayList<>();
		if (domain == null) {
			missing.add("delivery.dkim.domain");
		}
		if (selector == null) {
			missing.add("delivery.dkim.selector");
		}
		if (privateKey == null) {
			missing.add("delivery.dkim.private-key");
		}
		if (missing.size() < 3 && !missing.isEmpty()) {
			throw new IllegalArgumentException("DKIM signing needs delivery.dkim.domain, delivery.dkim.selector and "
					+ "delivery.dkim.private-key together; " + String.join(" and ", missing) + " "
					+ (missing.size() == 1 ? "is" : "are") + " not set");
		}
		if (domain != null && !DOMAIN.matcher(domain).matches()) {
			throw new IllegalArgumentException("delivery.dkim.domain must be a domain name such as example.com");
		}
		if (selector != null && !DOMAIN.matcher(selector).matches()) {
			throw new IllegalArgumentException(
					"delivery.dkim.selector must be letters, digits, hyphens and dots, such as news2026");
		}
	}

	boolean signs() {
		return this.domain != null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
