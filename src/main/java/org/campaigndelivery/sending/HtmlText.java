package org.campaigndelivery.sending;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

/**
 * The text part of a message whose delivery gives none, read from its personalised HTML:
 * what a reader of the HTML sees, paragraph by paragraph, with each link's address after
 * its label ("winter sale &lt;https://shop.example.com/sale&gt;") so that it can still be
 * followed. Scripts, styles and the head show nothing in a mail client and give no text.
 */
final class HtmlText {

	/** Elements that start a paragraph of their own: a blank line before and after. */
	private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
			"dl", "blockquote", "pre", "hr", "address", "figure");

	/** Elements that start a line of their own. */
	private static final Set<String> LINES = Set.of("div", "tr", "li", "dt", "dd", "section", "article", "header",
			"footer", "main", "nav", "aside", "center", "form", "caption", "tbody", "thead", "tfoot");

	private static final Set<String> CELLS = Set.of("td", "th");

	/** Elements whose content a mail client does not show. */
	private static final Set<String> HIDDEN = Set.of("head", "script", "style", "noscript", "template", "title");

	private HtmlText() {
	}

	static String of(String html) {
		Document document = Jsoup.parse(html);
		Writer writer = new Writer();
		NodeTraversor.filter(writer, document.body());
		return writer.text();
	}

	/**
	 * Writes the text as it walks the document. Line breaks asked for are written only
	 * before the next text, so that nested blocks and empty ones give one blank line, not
	 * many.
	 */
	private static final class Writer implements NodeFilter {

		private final StringBuilder out = new StringBuilder(2048);

		/** Line ends owed before the next text: 0, 1 (a new line) or 2 (a paragraph). */
		private int breaks;

		private boolean space;

		private int preformatted;

		/** The links open where the walk is, innermost first. */
		private final Deque<OpenLink> links = new ArrayDeque<>();

		@Override
		public FilterResult head(Node node, int depth) {
			if (node instanceof TextNode text) {
				write(text.getWholeText());
			}
			else if (node instanceof Element element) {
				String name = element.normalName();
				if (HIDDEN.contains(name)) {
					return FilterResult.SKIP_ENTIRELY;
				}
				if ("br".equals(name)) {
					this.out.append('\n');
					this.space = false;
					this.breaks = 0;
				}
				else if ("pre".equals(name)) {
					this.preformatted++;
					breakLine(2);
				}
				else if (PARAGRAPHS.contains(name)) {
					breakLine(2);
				}
				else if (LINES.contains(name)) {
					breakLine(1);
					if ("li".equals(name)) {
						write("- ");
					}
				}
				else if (CELLS.contains(name)) {
					this.space = true;
				}
				else if ("a".equals(name)) {
					this.links.push(new OpenLink(element.attr("href").trim(), this.out.length()));
				}
			}
			return FilterResult.CONTINUE;
		}

		@Override
		public FilterResult tail(Node node, int depth) {
			if (node instanceof Element element) {
				close(element.normalName());
			}
			return FilterResult.CONTINUE;
		}

		private void close(String name) {
			if ("a".equals(name)) {
				link(this.links.pop());
			}
			else if ("pre".equals(name)) {
				this.preformatted--;
				breakLine(2);
			}
			else if (PARAGRAPHS.contains(name)) {
				breakLine(2);
			}
			else if (LINES.contains(name)) {
				breakLine(1);
			}
			else if (CELLS.contains(name)) {
				this.space = true;
			}
		}

		/**
		 * A web link's address follows its label, unless the label is the address; an
		 * in-page anchor or a mailto: link reads as its label alone.
		 */
		private void link(OpenLink link) {
			String href = link.href();
			int labelStart = link.labelStart();
			String lower = href.toLowerCase(Locale.ROOT);
			if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
				return;
			}
			String label = this.out.substring(Math.min(labelStart, this.out.length())).trim();
			if (label.equals(href)) {
				return;
			}
			if (!label.isEmpty()) {
				this.space = true;
			}
			write("<" + href + ">");
		}

		private void breakLine(int lineEnds) {
			this.breaks = Math.max(this.breaks, lineEnds);
		}

		private void write(String text) {
			if (this.preformatted > 0) {
				flushBreaks();
				this.out.append(text);
				return;
			}
			String collapsed = collapse(text);
			if (collapsed.isEmpty()) {
				return;
			}
			if (collapsed.charAt(0) == ' ') {
				this.space = true;
				collapsed = collapsed.substring(1);
			}
			if (collapsed.isEmpty()) {
				return;
			}
			boolean trailing = collapsed.charAt(collapsed.length() - 1) == ' ';
			if (trailing) {
				collapsed = collapsed.substring(0, collapsed.length() - 1);
			}
			boolean spaced = this.space;
			if (!flushBreaks() && spaced && !this.out.isEmpty() && this.out.charAt(this.out.length() - 1) != '\n') {
				this.out.append(' ');
			}
			this.out.append(collapsed);
			this.space = trailing;
		}

		/** Writes the line ends owed; true when there were any. */
		private boolean flushBreaks() {
			boolean owed = this.breaks > 0 && !this.out.isEmpty();
			if (owed) {
				int have = 0;
				for (int i = this.out.length() - 1; i >= 0 && this.out.charAt(i) == '\n' && have < 2; i--) {
					have++;
				}
				this.out.append("\n".repeat(Math.max(0, this.breaks - have)));
			}
			this.breaks = 0;
			this.space = false;
			return owed;
		}

		/** A link's address, and where its label starts in the text. */
		private record OpenLink(String href, int labelStart) {
		}

		String text() {
			return this.out.toString().strip() + "\n";
		}

	}

	/** Each run of white space (a no-break space too) as one space. */
	static String collapse(String text) {
		StringBuilder collapsed = new StringBuilder(text.length());
		boolean space = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c) || c == '\u00a0') {
				space = true;
			}
			else {
				if (space) {
					collapsed.append(' ');
					space = false;
				}
				collapsed.append(c);
			}
		}
		if (space) {
			collapsed.append(' ');
		}
		return collapsed.toString();
	}

}
