package org.campaigndelivery.tracking;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * What tracking changes in a message at relay: each http(s) link leads through a signed
 * click URL, an open pixel closes the body, and the List-Unsubscribe headers name a
 * signed unsubscribe URL. Unsubscribe links, mailto: and every other scheme stay as they
 * are.
 */
@Component
public class MessageTracking {

	/** The value of List-Unsubscribe-Post (RFC 8058) and the body of a one-click POST. */
	public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

	/** The href of each link, quoted either way. */
	private static final Pattern LINK = Pattern.compile("(<a\\b[^>]*?\\bhref\\s*=\\s*)([\"'])(.*?)\\2",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	/** As the control rules recognise an unsubscribe link. */
	private static final Pattern UNSUBSCRIBE = Pattern.compile("unsubscribe|opt-?out", Pattern.CASE_INSENSITIVE);

	private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

	private final TrackingProperties properties;

	private final TrackingTokens tokens;

	MessageTracking(TrackingProperties properties, TrackingTokens tokens) {
		this.properties = properties;
		this.tokens = tokens;
	}

	/** The personalised HTML with its links and an open pixel leading here. */
	public String track(String html, long logId, String deliveryId, Instant relayedAt) {
		long at = relayedAt.getEpochSecond();
		Matcher links = LINK.matcher(html);
		StringBuilder tracked = new StringBuilder(html.length() + 512);
		while (links.find()) {
			String href = HtmlText.unescape(links.group(3).trim());
			String replacement = links.group();
			if (trackable(href)) {
				replacement = links.group(1) + links.group(2) + this.properties.base() + "/t/c/"
						+ this.tokens.sign(new Token(Token.Kind.CLICK, logId, deliveryId, at, href)) + links.group(2);
			}
			links.appendReplacement(tracked, Matcher.quoteReplacement(replacement));
		}
		links.appendTail(tracked);
		String pixel = "<img src=\"" + this.properties.base() + "/t/o/"
				+ this.tokens.sign(new Token(Token.Kind.OPEN, logId, deliveryId, at, null))
				+ "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">";
		Matcher end = BODY_END.matcher(tracked);
		int bodyEnd = -1;
		while (end.find()) {
			bodyEnd = end.start();
		}
		if (bodyEnd < 0) {
			return tracked.append(pixel).toString();
		}
		return tracked.insert(bodyEnd, pixel).toString();
	}

	/**
	 * List-Unsubscribe's value (RFC 2369): the signed URL, and mailto when configured.
	 */
	public String listUnsubscribe(long logId, String deliveryId, Instant relayedAt) {
		String token = this.tokens
			.sign(new Token(Token.Kind.UNSUBSCRIBE, logId, deliveryId, relayedAt.getEpochSecond(), null));
		String header = "<" + this.properties.base() + "/t/u/" + token + ">";
		String mailto = this.properties.unsubscribeMailto();
		if (mailto != null && !mailto.isBlank()) {
			header += ", <mailto:" + mailto.trim() + "?subject=unsubscribe%20" + token + ">";
		}
		return header;
	}

	private static boolean trackable(String href) {
		String lower = href.toLowerCase();
		return (lower.startsWith("http://") || lower.startsWith("https://")) && !UNSUBSCRIBE.matcher(href).find();
	}

}
