package org.campaigndelivery.sending;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.MessageParts;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Every message reaches the MTA as multipart/alternative: the text part, then the HTML,
 * personalised alike, tracking only in the HTML.
 */
@ApplicationTest
class AlternativePartsTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final String HTML = """
			<html><head><style>p { color: red }</style><title>News</title></head><body>
			<script>document.write("tracked")</script>
			<h1>Hello {{firstName}} {{lastName}}</h1>
			<p>Our <a href="https://shop.example.com/sale?c={{city}}">winter sale</a> starts in {{city}}.<br>
			Caf&eacute; cr&egrave;me for everyone.</p>
			<p><a href="https://shop.example.com/unsubscribe">Unsubscribe</a></p></body></html>""";

	private static final Map<String, Object> ZOE = Map.of("email", "zoe@example.com", "firstName", "Zoé & <Co>",
			"lastName", "Ölund", "city", "Lyon");

	@Autowired
	DeliveryFlow flow;

	@Test
	void shouldRelayATextPartReadFromTheHtmlBeforeTheTrackedHtmlPart() throws Exception {
		this.flow.relay(delivery().with("html", HTML).with("recipients", List.of(ZOE)));

		MimeMessage mail = smtp.getReceivedMessages()[0];
		assertThat(mail.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) mail.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(contentType(parts.getBodyPart(0))).isEqualTo("text/plain; charset=utf-8");
		assertThat(contentType(parts.getBodyPart(1))).isEqualTo("text/html; charset=utf-8");
		String text = MessageParts.text(mail).replace("\r\n", "\n");
		assertThat(text).isEqualTo("""
				Hello Zoé & <Co> Ölund

				Our winter sale <https://shop.example.com/sale?c=Lyon> starts in Lyon.
				Café crème for everyone.

				Unsubscribe <https://shop.example.com/unsubscribe>
				""");
		assertThat(text).doesNotContain("<p", "<a ", "<h1", "<br", "</", "&amp;", "tracked", "color", "News");
		String html = MessageParts.html(mail);
		assertThat(html).contains("Hello Zoé &amp; &lt;Co&gt; Ölund")
			.contains("/t/c/")
			.contains("/t/o/")
			.doesNotContain("href=\"https://shop.example.com/sale");
		assertThat(text).doesNotContain("/t/");
		assertThat(mail.getHeader("List-Unsubscribe", ",")).contains("/t/u/");
	}

	@Test
	void shouldRelayTheGivenTextTemplateAsGiven() throws Exception {
		this.flow.relay(delivery().with("html", HTML)
			.with("text", "Hi {{firstName}} {{lastName}}, <sale> in {{city}}:\nhttps://shop.example.com/sale")
			.with("recipients", List.of(ZOE)));

		MimeMessage mail = smtp.getReceivedMessages()[0];

		assertThat(MessageParts.text(mail).replace("\r\n", "\n"))
			.isEqualTo("Hi Zoé & <Co> Ölund, <sale> in Lyon:\nhttps://shop.example.com/sale");
		assertThat(MessageParts.html(mail)).contains("Hello Zoé &amp; &lt;Co&gt; Ölund").contains("/t/c/");
	}

	@Test
	void shouldShowBothPartsInTheProof() {
		Api preparer = this.flow.as("preparer");
		String derived = prepared(preparer, delivery().with("html", HTML).with("recipients", List.of(ZOE)).body());
		String given = prepared(preparer,
				delivery().with("text", "Hi {{firstName}}").with("recipients", List.of(ZOE)).body());

		JsonNode proof = this.flow.as("approver").get("/api/deliveries/" + derived + "/proof").json();
		JsonNode givenProof = this.flow.as("approver").get("/api/deliveries/" + given + "/proof").json();

		assertThat(proof.get("html").asText()).contains("Hello Zoé &amp; &lt;Co&gt; Ölund")
			.contains("href=\"https://shop.example.com/sale?c=Lyon\"");
		assertThat(proof.get("text").asText()).startsWith("Hello Zoé & <Co> Ölund\n")
			.contains("winter sale <https://shop.example.com/sale?c=Lyon>");
		assertThat(givenProof.get("text").asText()).isEqualTo("Hi Zoé & <Co>");
	}

	private String prepared(Api preparer, Object body) {
		Api.Response created = preparer.post("/api/deliveries", body);
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		this.flow.runJobs(id);
		return id;
	}

	private static String contentType(BodyPart part) throws Exception {
		return part.getContentType().replace("\r\n\t", " ").toLowerCase(java.util.Locale.ROOT);
	}

}
