package org.campaigndelivery.sending;

import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text part read once from the HTML template is, for every recipient, the text
 * HtmlText reads from that recipient's personalised HTML.
 */
class HtmlTextTemplateTests {

	private static final List<String> TEMPLATES = List.of("""
			<html><head><style>p { color: red }</style><title>{{firstName}}</title></head><body>
			<script>document.write("{{email}}")</script>
			<h1>Hello {{firstName}} {{lastName}}</h1>
			<p>Our <a href="https://shop.example.com/sale?c={{city}}">winter sale</a> starts in {{city}}.<br>
			Caf&eacute; cr&egrave;me for everyone.</p>
			<p><a href="https://shop.example.com/unsubscribe">Unsubscribe</a></p></body></html>""", """
			<table width="100%"><tr><td><a href="https://shop.example.com/new?c={{city}}">New in {{ city }}</a></td>
			<td>{{firstName}}</td></tr></table><ul><li>{{firstName}}</li><li>Member {{email}}</li></ul>
			<div>Dear <b>{{firstName}}</b>,<p>{{lastName}}</p></div>""", """
			<p>Your page: <a href="https://shop.example.com/u/{{email}}">https://shop.example.com/u/{{email}}</a>
			<img alt="{{firstName}}" src="https://cdn.example.com/{{city}}.png"> {{firstName}}{{lastName}}!</p>""");

	private static final List<Map<String, Object>> RECIPIENTS = List.of(
			Map.of("email", "zoe@example.com", "firstName", "Zoé & <Co>", "lastName", "Ölund", "city", "Lyon"),
			Map.of("email", "a@example.com", "firstName", "Ann\u00a0Marie", "lastName", "d'Arc \"J\"", "city",
					"Saint  Étienne"),
			Map.of("email", "b@example.com", "firstName", "", "lastName", "", "city", ""),
			Map.of("email", "c@example.com", "firstName", " Pia ", "lastName", "van\nDijk", "city", "a=b&c"));

	@Test
	void shouldReadEachRecipientsTextAsHtmlTextReadsTheirHtml() {
		for (String html : TEMPLATES) {
			HtmlTextTemplate text = HtmlTextTemplate.of(html).orElseThrow();
			for (Map<String, Object> recipient : RECIPIENTS) {
				String personalised = Mustache.compiler()
					.escapeHTML(true)
					.defaultValue("")
					.compile(html)
					.execute(recipient);

				assertThat(text.execute(recipient)).as(html + "\n" + recipient).isEqualTo(HtmlText.of(personalised));
			}
		}
	}

	@Test
	void shouldLeaveToEachRecipientsHtmlWhatAValueCouldChange() {
		assertThat(HtmlTextTemplate.of("<pre>{{firstName}}</pre>")).isEmpty();
		assertThat(HtmlTextTemplate.of("<p><a href=\"{{link}}\">Open</a></p>")).isEmpty();
		assertThat(HtmlTextTemplate.of("<p>{{#vip}}Gold{{/vip}}</p>")).isEmpty();
		assertThat(HtmlTextTemplate.of("<p>{{{raw}}}</p>")).isEmpty();
		assertThat(HtmlTextTemplate.of("<p>{{&raw}}</p>")).isEmpty();
		assertThat(HtmlTextTemplate.of("<{{tag}}>x</{{tag}}>")).isEmpty();
		assertThat(HtmlTextTemplate.of("<p>\uE000x\uE001</p>")).isEmpty();
		assertThat(HtmlTextTemplate.of("<p>Hello {{firstName}}</p>")).isPresent();
	}

}
