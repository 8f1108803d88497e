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

	/** Where a link's href value starts, within its tag: after the opening quote. */
	private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*([\"'])", Pattern.CASE_INSENSITIVE);

	/** As the control rules recognise an unsubscribe link. */
	private static final Pattern UNSUBSCRIBE = Pattern.compile("unsubscribe|opt-?out", Pattern.CASE_INSENSITIVE);

	private final TrackingProperties properties;

	private final TrackingTokens tokens;

	MessageTracking(TrackingProperties properties, TrackingTokens tokens) {
		this.properties = properties;
		this.tokens = tokens;
	}

	/**
	 * The absolute URL of one of this application's paths, as people reach it from their
	 * mail: the base of the tracking links.
	 */
	public String publicUrl(String path) {
		return this.properties.base() + path;
	}

	/** The personalised HTML with its links and an open pixel leading here. */
	public String track(String html, long logId, String deliveryId, Instant relayedAt) {
		long at = relayedAt.getEpochSecond();
		StringBuilder tracked = new StringBuilder(html.length() + 512);
		// Tags are found with indexOf, and only a link's own tag is searched for its
		// href:
		// one case-insensitive expression over the whole body cost a fifth of the relay.
		int copied = 0;
		for (int tag = html.indexOf('<'); tag >= 0 && tag + 2 < html.length(); tag = html.indexOf('<', tag + 1)) {
			char a = html.charAt(tag + 1);
			if ((a != 'a' && a != 'A') || !Character.isWhitespace(html.charAt(tag + 2))) {
				continue;
			}
			int tagEnd = html.indexOf('>', tag);
			Matcher href = HREF.matcher(html).region(tag + 2, (tagEnd < 0) ? html.length() : tagEnd);
			if (!href.find()) {
				continue;
			}
			int valueStart = href.end();
			int valueEnd = html.indexOf(href.group(1).charAt(0), valueStart);
			if (valueEnd < 0) {
				break;
			}
			String target = HtmlText.unescape(html.substring(valueStart, valueEnd).trim());
			if (trackable(target)) {
				tracked.append(html, copied, valueStart)
					.append(this.properties.base())
					.append("/t/c/")
					.append(this.tokens.sign(new Token(Token.Kind.CLICK, logId, deliveryId, at, target)));
				copied = valueEnd;
			}
			tag = valueEnd;
		}
		tracked.append(html, copied, html.length());
		String pixel = "<img src=\"" + this.properties.base() + "/t/o/"
				+ this.tokens.sign(new Token(Token.Kind.OPEN, logId, deliveryId, at, null))
				+ "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">";
		int bodyEnd = bodyEnd(tracked);
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

	/** Where the last {@code </body>} starts, in any case; -1 without one. */
	private static int bodyEnd(StringBuilder html) {
		for (int at = html.lastIndexOf("</"); at >= 0; at = (at == 0) ? -1 : html.lastIndexOf("</", at - 1)) {
			int name = at + 2;
			int end = name + 4;
			if (end <= html.length() && html.substring(name, end).equalsIgnoreCase("body")) {
				int close = end;
				while (close < html.length() && Character.isWhitespace(html.charAt(close))) {
					close++;
				}
				if (close < html.length() && html.charAt(close) == '>') {
					return at;
				}
			}
		}
		return -1;
	}

	private static boolean trackable(String href) {
		String lower = href.toLowerCase();
		return (lower.startsWith("http://") || lower.startsWith("https://")) && !UNSUBSCRIBE.matcher(href).find();
	}

}
