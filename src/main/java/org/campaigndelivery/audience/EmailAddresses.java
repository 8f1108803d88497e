package org.campaigndelivery.audience;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the product considers a deliverable address, and the one form an address is kept
 * in: trimmed, domain in lower case (the local part is case-sensitive by RFC 5321, so it
 * is kept as given).
 */
public final class EmailAddresses {

	private static final Pattern LOCAL = Pattern
		.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

	private static final Pattern DOMAIN = Pattern
		.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

	private EmailAddresses() {
	}

	/**
	 * Whether the address is a syntactically deliverable mailbox (user@example.com, no
	 * display name).
	 */
	public static boolean isValid(String address) {
		if (address == null || address.length() > 254) {
			return false;
		}
		int at = address.lastIndexOf('@');
		if (at <= 0 || at != address.indexOf('@') || at > 64) {
			return false;
		}
		return LOCAL.matcher(address.substring(0, at)).matches() && DOMAIN.matcher(address.substring(at + 1)).matches();
	}

	/** The address trimmed, with its domain part in lower case; null stays null. */
	public static String normalise(String address) {
		if (address == null) {
			return null;
		}
		String trimmed = address.trim();
		int at = trimmed.lastIndexOf('@');
		return at < 0 ? trimmed : trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
	}

}
