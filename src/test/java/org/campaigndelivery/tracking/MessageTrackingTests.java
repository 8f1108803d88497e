package org.campaigndelivery.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTrackingTests {

	private final MessageTracking tracking = new MessageTracking(
			new TrackingProperties("https://t.example.com/", "secret", null, Duration.ofSeconds(10)),
			new TrackingTokens(new TrackingProperties("https://t.example.com/", "secret", null, Duration.ofSeconds(10)),
					null, Clock.systemUTC()));

	@Test
	void everyHttpLinkLeadsThroughAClickUrlWhateverItsCaseAndQuotesAndOthersStay() {
		String html = """
				<HTML><BODY><a href="https://shop.example.com/a?x=1&amp;y=2">A</a>
				<A class='b' HREF = 'http://shop.example.com/b'>B</A><abbr title="x">abbr</abbr>
				<a name="anchor">no href</a><a href="mailto:help@example.com">mail</a>
				<a href="https://shop.example.com/unsubscribe">Unsubscribe</a>
				<a
				 href="https://shop.example.com/c">C</a></Body ></HTML>""";

		String tracked = this.tracking.track(html, 42, "d-1", Instant.parse("2030-01-01T00:00:00Z"));

		assertThat(tracked).doesNotContain("shop.example.com/a?", "shop.example.com/b'", "shop.example.com/c\"");
		assertThat(tracked.split("https://t.example.com/t/c/", -1)).hasSize(4);
		assertThat(tracked).contains("<A class='b' HREF = 'https://t.example.com/t/c/")
			.contains("href=\"mailto:help@example.com\"")
			.contains("href=\"https://shop.example.com/unsubscribe\"")
			.contains("<a name=\"anchor\">")
			.contains("<abbr title=\"x\">");
		assertThat(tracked.indexOf("/t/o/")).isLessThan(tracked.indexOf("</Body >")).isGreaterThan(0);
	}

	@Test
	void theClickTokenNamesTheUnescapedTargetAndABodyWithoutItsEndGetsThePixelAtTheEnd() {
		String tracked = this.tracking.track("<p><a href=\"https://x.example.com/?a=1&amp;b=2\">x</a>", 7, "d-2",
				Instant.parse("2030-01-01T00:00:00Z"));

		String token = tracked.substring(tracked.indexOf("/t/c/") + 5, tracked.indexOf('"', tracked.indexOf("/t/c/")));
		TrackingTokens tokens = new TrackingTokens(
				new TrackingProperties("https://t.example.com", "secret", null, Duration.ofSeconds(10)), null,
				Clock.systemUTC());
		assertThat(tokens.verify(token).orElseThrow().url()).isEqualTo("https://x.example.com/?a=1&b=2");
		assertThat(tracked).endsWith("height:1px\">");
	}

}
