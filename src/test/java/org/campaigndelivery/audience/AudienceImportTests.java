package org.campaigndelivery.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

@ApplicationTest
class AudienceImportTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DeliveryFlow flow;

	Api api;

	@BeforeEach
	void setUp() {
		this.api = this.flow.as("preparer");
	}

	@Test
	void shouldImportACsvFileRejectingUnreadableLinesAndDeliverToItsRecipients() throws Exception {
		String csv = "\uFEFFEmail,First Name,last_name,City\r\n" + "ada@example.com,Ada,Lovelace,\"London, UK\"\r\n"
				+ "bob@example.com,Bob,\"Multi\r\nLine\",Paris\r\n" + "too,many,fields,here,really\r\n"
				+ ",Nobody,Empty,Rome\r\n" + "\r\n" + "cy@example.com,\"Cy \"\"the\"\" Great\",Smith,<Oslo>\r\n"
				+ "dee@example.com,Dee,\"unclosed,Berlin\r\n";

		Api.Response imported = this.api.postRaw("/api/audiences?name=Spring customers", csv, CSV);

		assertThat(imported.code()).as(imported.text()).isEqualTo(201);
		String audienceId = imported.json().get("id").asText();
		assertThat(imported.headers().getLocation()).hasToString("/api/audiences/" + audienceId);
		assertThat(imported.json().get("imported").asInt()).isEqualTo(4);
		assertThat(imported.json().get("rejected").asInt()).isEqualTo(2);
		JsonNode rejections = this.api.get("/api/audiences/" + audienceId + "/rejections").json();
		assertThat(rejections.findValuesAsText("line")).containsExactly("5", "9");
		assertThat(rejections.get(0).get("reason").asText()).contains("5 fields");
		assertThat(rejections.get(1).get("reason").asText()).contains("not closed");
		assertThat(this.api.get("/api/audiences/" + audienceId).json().get("name").asText())
			.isEqualTo("Spring customers");

		String id = this.flow.relay(delivery().without("recipients")
			.with("audienceId", audienceId)
			.with("html",
					"<p>{{firstName}} {{lastName}} in {{City}}</p><a href=\"https://x.example.com/unsubscribe\">u</a>"));

		assertThat(smtp.getReceivedMessages()).hasSize(3);
		assertThat(body(smtp.getReceivedMessages(), "bob@example.com")).contains("Bob Multi\r\nLine in Paris");
		assertThat(body(smtp.getReceivedMessages(), "cy@example.com"))
			.contains("Cy &quot;the&quot; Great Smith in &lt;Oslo&gt;");
		assertThat(body(smtp.getReceivedMessages(), "ada@example.com")).contains("Ada Lovelace in London, UK");
		assertThat(this.api.get("/api/deliveries/" + id + "/exclusions").json().findValuesAsText("reason"))
			.containsExactly("EMPTY_ADDRESS");
	}

	@Test
	void shouldRefuseAFileWithoutHeaderOrEmailColumnAndCreateNothing() {
		int before = this.jdbc.sql("select count(*) from audience").query(Integer.class).single();

		Api.Response empty = this.api.postRaw("/api/audiences", "", CSV);
		Api.Response noEmail = this.api.postRaw("/api/audiences", "name,city\nAda,London\n", CSV);
		Api.Response twice = this.api.postRaw("/api/audiences", "email,City,city\na@example.com,x,y\n", CSV);
		Api.Response notAllowed = this.api.as("approver").postRaw("/api/audiences", "email\na@example.com\n", CSV);

		assertThat(empty.code()).isEqualTo(400);
		assertThat(noEmail.code()).isEqualTo(400);
		assertThat(noEmail.json().get("detail").asText()).contains("email");
		assertThat(twice.json().get("detail").asText()).contains("named twice");
		assertThat(notAllowed.code()).isEqualTo(403);
		assertThat(this.jdbc.sql("select count(*) from audience").query(Integer.class).single()).isEqualTo(before);
		assertThat(this.api.get("/api/audiences/nope").code()).isEqualTo(404);
	}

	@Test
	void shouldReadSemicolonSeparatedFiles() {
		Api.Response imported = this.api.postRaw("/api/audiences", "email;firstName\nsemi@example.com;Sam\n", CSV);

		assertThat(imported.json().get("imported").asInt()).isEqualTo(1);
		assertThat(imported.json().get("rejected").asInt()).isZero();
	}

	@Test
	void shouldReadTheFileInTheCharsetItsContentTypeNames() {
		String csv = "email,firstName\nzoe@example.com,Zo\u00e9 \u00c5sa\n";

		Api.Response latin1 = this.api.postRaw("/api/audiences?name=latin1", csv,
				MediaType.parseMediaType("text/csv; charset=ISO-8859-1"));
		Api.Response utf16 = this.api.postRaw("/api/audiences?name=utf16", csv,
				MediaType.parseMediaType("text/csv; charset=UTF-16"));

		assertThat(firstName(latin1)).isEqualTo("Zo\u00e9 \u00c5sa");
		assertThat(firstName(utf16)).isEqualTo("Zo\u00e9 \u00c5sa");
	}

	private String firstName(Api.Response imported) {
		assertThat(imported.code()).as(imported.text()).isEqualTo(201);
		return this.jdbc.sql("select first_name from audience_member where audience_id = :id")
			.param("id", imported.json().get("id").asText())
			.query(String.class)
			.single();
	}

	private static String body(MimeMessage[] messages, String to) throws Exception {
		for (MimeMessage message : messages) {
			if (message.getAllRecipients()[0].toString().equals(to)) {
				return GreenMailUtil.getBody(message);
			}
		}
		throw new AssertionError("No message to " + to);
	}

}
