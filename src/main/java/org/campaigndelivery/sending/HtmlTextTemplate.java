package org.campaigndelivery.sending;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

/**
 * The text part's template read once from a delivery's HTML template, instead of
 * {@link HtmlText} reading each recipient's personalised HTML (a sixth of a lane's time
 * with a 1.2 KB newsletter). Each variable of the HTML is put in the text where HtmlText
 * puts the text around it, so that a value lands in the text as HtmlText would have read
 * it: as written, its white space runs as one space. Only where no value can change what
 * HtmlText makes of the rest: plain variables, no preformatted text, no link whose
 * address begins with a variable (the value decides whether it is a web address to show).
 */
final class HtmlTextTemplate {

	/**
	 * What marks a variable in the HTML as HtmlText reads it: characters of private use.
	 */
	private static final char OPEN = '\uE000';

	private static final char CLOSE = '\uE001';

	private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

	private static final Pattern VALUE_DEPENDENT = Pattern
		.compile("<\\s*/?\\s*pre[\\s>/]|href\\s*=\\s*[\"']?\\s*\\{\\{|</?\\s*\\{\\{", Pattern.CASE_INSENSITIVE);

	private static final Pattern SPACES = Pattern.compile(" {2,}");

	private final Template template;

	private HtmlTextTemplate(Template template) {
		this.template = template;
	}

	/**
	 * The text template of this HTML template, or empty where the text must be read from
	 * each recipient's HTML.
	 */
	static Optional<HtmlTextTemplate> of(String html) {
		if (html.indexOf(OPEN) >= 0 || html.indexOf(CLOSE) >= 0 || html.contains("{{{")
				|| VALUE_DEPENDENT.matcher(html).find()) {
			return Optional.empty();
		}
		StringBuilder marked = new StringBuilder(html.length());
		Matcher variable = VARIABLE.matcher(html);
		int end = 0;
		while (variable.find()) {
			if (html.substring(end, variable.start()).contains("{{")) {
				return Optional.empty();
			}
			marked.append(html, end, variable.start()).append(OPEN).append(variable.group(1)).append(CLOSE);
			end = variable.end();
		}
		if (html.substring(end).contains("{{")) {
			return Optional.empty();
		}
		marked.append(html, end, html.length());
		try {
			return Optional.of(new HtmlTextTemplate(Mustache.compiler()
				.withDelims(OPEN + " " + CLOSE)
				.withEscaper(HtmlText::collapse)
				.defaultValue("")
				.compile(HtmlText.of(marked.toString()))));
		}
		catch (MustacheException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The recipient's text part. A value that is empty or begins or ends with white space
	 * leaves no more than one space, and none at either end of a line, as in HtmlText's
	 * reading; lines HtmlText writes never hold either.
	 */
	String execute(Map<String, Object> context) {
		String text = this.template.execute(context);
		if (!text.startsWith(" ") && !text.contains("  ") && !text.contains(" \n") && !text.contains("\n ")) {
			return text;
		}
		StringBuilder tidy = new StringBuilder(text.length());
		for (String line : text.split("\n", -1)) {
			tidy.append(SPACES.matcher(line).replaceAll(" ").strip()).append('\n');
		}
		return tidy.toString().strip() + "\n";
	}

}
