package org.campaigndelivery.preparation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;

/**
 * The typology rules a delivery's content and target must pass before it may be sent
 * (after Adobe Campaign's control rules). Errors block the send; warnings go to an
 * approver.
 */
final class ControlRules {

	private static final Pattern LINK = Pattern.compile("<a\\b[^>]*?\\bhref\\s*=\\s*([\"'])(.*?)\\1",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern MUSTACHE_TAG = Pattern.compile("\\{\\{\\{?[^}]*}}}?");

	private static final Pattern UNSUBSCRIBE = Pattern.compile("unsubscribe|opt-?out", Pattern.CASE_INSENSITIVE);

	private ControlRules() {
	}

	/**
	 * @param text the text part's template, or null when it is derived from the HTML
	 */
	static List<Finding> checkContent(String subject, String html, String text) {
		List<Finding> findings = new ArrayList<>();
		if (subject == null || subject.isBlank()) {
			findings.add(Finding.error("SUBJECT_MISSING", "The subject is empty."));
		}
		else if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
			findings.add(Finding.error("SUBJECT_LINE_BREAK", "The subject contains a line break."));
		}
		if (html == null || html.isBlank()) {
			findings.add(Finding.error("HTML_EMPTY", "The HTML content is empty."));
			return findings;
		}
		checkTemplate("subject", subject, findings);
		checkTemplate("HTML content", html, findings);
		checkTemplate("text part", text, findings);
		boolean unsubscribe = false;
		Matcher links = LINK.matcher(html);
		while (links.find()) {
			String href = links.group(2).trim();
			unsubscribe |= UNSUBSCRIBE.matcher(href).find();
			if (!isWellFormedLink(href)) {
				findings.add(Finding.error("MALFORMED_LINK",
						"The link '" + shorten(href) + "' is not a well-formed " + "http(s) URL."));
			}
		}
		if (!unsubscribe) {
			findings.add(Finding.warning("UNSUBSCRIBE_LINK_MISSING", "The content has no unsubscribe link."));
		}
		return findings;
	}

	static List<Finding> checkTarget(int targeted, int excluded) {
		List<Finding> findings = new ArrayList<>();
		if (targeted - excluded <= 0) {
			findings.add(Finding.error("NO_RECIPIENT",
					"No recipient is left to deliver to (" + targeted + " targeted, " + excluded + " excluded)."));
		}
		else if (excluded * 2L > targeted) {
			findings.add(Finding.warning("MOSTLY_EXCLUDED",
					"More than half of the target is excluded (" + excluded + " of " + targeted + ")."));
		}
		return findings;
	}

	/**
	 * A contact date already past when the delivery is prepared is no schedule: the
	 * delivery would go out the moment it is confirmed, which its approver should know.
	 */
	static List<Finding> checkContactDate(OffsetDateTime contactDate, OffsetDateTime now) {
		if (contactDate == null || contactDate.isAfter(now)) {
			return List.of();
		}
		return List.of(Finding.warning("CONTACT_DATE_PAST", "The contact date " + contactDate
				+ " is in the past: the delivery is sent as soon as it is confirmed."));
	}

	/**
	 * A link must be an absolute http(s) URL with a host; mailto: and tel: links and
	 * in-page anchors are not web links and pass. Personalisation tags inside a link
	 * stand for URL-safe text.
	 */
	static boolean isWellFormedLink(String href) {
		String lower = href.toLowerCase(Locale.ROOT);
		if (lower.startsWith("mailto:") || lower.startsWith("tel:") || lower.startsWith("#")) {
			return true;
		}
		String concrete = MUSTACHE_TAG.matcher(href).replaceAll("x");
		if (MUSTACHE_TAG.matcher(href).matches()) {
			return true;
		}
		try {
			URI uri = new URI(concrete);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null && !uri.getHost().isEmpty();
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static void checkTemplate(String what, String template, List<Finding> findings) {
		if (template == null) {
			return;
		}
		try {
			Mustache.compiler().compile(template);
		}
		catch (MustacheException ex) {
			findings.add(Finding.error("MALFORMED_PERSONALISATION",
					"The personalisation of the " + what + " is malformed: " + ex.getMessage()));
		}
	}

	private static String shorten(String text) {
		return text.length() <= 120 ? text : text.substring(0, 117) + "...";
	}

}
