package org.campaigndelivery.tracking;

/**
 * The entities an href holds after personalisation escaped it, read back to the URL they
 * stand for, and the way back for a page.
 */
final class HtmlText {

	private HtmlText() {
	}

	static String unescape(String text) {
		if (text.indexOf('&') < 0) {
			return text;
		}
		return text.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&#x27;", "'")
			.replace("&#x3D;", "=")
			.replace("&#x60;", "`")
			.replace("&#61;", "=")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&amp;", "&");
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
