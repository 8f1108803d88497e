package org.campaigndelivery.sending;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTests {

	@Test
	void shouldKeepParagraphsAndLineBreaksAndDropTheTags() {
		String text = HtmlText.of("""
				<html><head><title>News</title></head><body>
				<h1>Hello   Pia</h1>
				<p>First line<br>second line</p>
				<div><p>Nested paragraph</p></div>
				<ul><li>one</li><li>two</li></ul>
				</body></html>""");

		assertThat(text).isEqualTo("""
				Hello Pia

				First line
				second line

				Nested paragraph

				- one
				- two
				""");
	}

	@Test
	void shouldWriteEachLinksAddressAfterItsLabel() {
		String text = HtmlText.of("""
				<p>Our <a href="https://shop.example.com/sale?c=Lyon&amp;x=1">winter sale</a> starts.
				<a href="https://shop.example.com/">https://shop.example.com/</a>
				<a href="mailto:help@example.com">Write to us</a> <a href="#top">Top</a>
				<a href="https://shop.example.com/logo"><img src="logo.png"></a></p>""");

		assertThat(text).isEqualTo("Our winter sale <https://shop.example.com/sale?c=Lyon&x=1> starts. "
				+ "https://shop.example.com/ Write to us Top <https://shop.example.com/logo>\n");
	}

	@Test
	void shouldDecodeEntitiesAndDropScriptsAndStyles() {
		String text = HtmlText.of("""
				<style>p { color: red }</style><script>alert("x")</script>
				<p>Caf&eacute;&nbsp;&amp; cr&egrave;me &lt;b&gt; 5&euro;</p><noscript>no script</noscript>""");

		assertThat(text).isEqualTo("Café & crème <b> 5€\n");
	}

	@Test
	void shouldSeparateTableCellsAndRows() {
		String text = HtmlText.of("""
				<table><tr><td>New</td><td>Sale</td></tr><tr><td>Stores</td></tr></table><p>After</p>""");

		assertThat(text).isEqualTo("New Sale\nStores\n\nAfter\n");
	}

	@Test
	void shouldKeepPreformattedTextAsWritten() {
		String text = HtmlText.of("<p>Code:</p><pre>a  b\n  c</pre>");

		assertThat(text).isEqualTo("Code:\n\na  b\n  c\n");
	}

}
