package org.campaigndelivery.sending;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationProcess;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application, started with delivery.dkim.* and a fresh key, relays a delivery; what
 * reached the MTA is checked by python3-dkim (Debian's dkimpy), an implementation of its
 * own, fed the public key as the DNS record would give it.
 */
class DkimSigningTests {

	@TempDir
	static Path directory;

	static DkimVerifier verifier;

	static GreenMail smtp;

	@BeforeAll
	static void start() throws Exception {
		verifier = DkimVerifier.require(directory);
		smtp = new GreenMail(new ServerSetup(ApplicationProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
	}

	@AfterAll
	static void stopSmtp() {
		if (smtp != null) {
			smtp.stop();
		}
	}

	@Test
	void shouldSignEveryRelayedMessageSoThatAnIndependentVerifierAcceptsItAndATamperedCopyFails() throws Exception {
		DkimKeys keys = DkimKeys.rsa(directory);
		try (ApplicationProcess application = ApplicationProcess.start(directory.resolve("application.log"),
				"--spring.datasource.url=jdbc:h2:file:" + directory.resolve("db").toAbsolutePath(),
				"--delivery.mta.sandbox.enabled=false", "--spring.mail.port=" + smtp.getSmtp().getPort(),
				"--delivery.dkim.domain=shop.example.com", "--delivery.dkim.selector=news2026",
				"--delivery.dkim.private-key=" + keys.privateKey(), "--logging.level.root=WARN")) {
			application.awaitPortOpen(Duration.ofMinutes(2));
			relay(new Api(
					new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + application.port())),
					new ObjectMapper(), "preparer"));
		}

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(2);
		for (MimeMessage message : received) {
			String signature = message.getHeader("DKIM-Signature", null).replaceAll("\\s+", "");
			assertThat(signature).contains("a=rsa-sha256;", "c=relaxed/relaxed;", "d=shop.example.com;", "s=news2026;",
					"h=From:To:Subject:Date:Message-ID:MIME-Version:Content-Type:List-Unsubscribe:List-Unsubscribe-Post;");
			byte[] raw = raw(message);
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			assertThat(verifier.valid(raw, "news2026", "shop.example.com", keys)).as("dkimpy verifies\n" + text)
				.isTrue();
			String subject = text.replaceFirst("\r\nSubject: ", "\r\nSubject: Re: ");
			assertThat(subject).isNotEqualTo(text);
			assertThat(
					verifier.valid(subject.getBytes(StandardCharsets.ISO_8859_1), "news2026", "shop.example.com", keys))
				.as("subject changed")
				.isFalse();
			int bodyStart = text.indexOf("\r\n\r\n");
			String body = text.substring(0, bodyStart) + text.substring(bodyStart).replaceFirst("Hello", "Hullo");
			assertThat(body).isNotEqualTo(text);
			assertThat(verifier.valid(body.getBytes(StandardCharsets.ISO_8859_1), "news2026", "shop.example.com", keys))
				.as("body changed")
				.isFalse();
			DkimKeys other = DkimKeys.rsa(directory);
			assertThat(verifier.valid(raw, "news2026", "shop.example.com", other)).as("another key").isFalse();
		}
	}

	private static void relay(Api preparer) {
		Api.Response created = preparer
			.post("/api/deliveries", DeliveryRequests.delivery()
				.with("approvalMode", "AUTOMATIC")
				.with("recipients", List.of(
						Map.of("email", "ines@example.com", "firstName", "Inès", "lastName", "Ölund", "city", "Lyon"),
						Map.of("email", "tom@example.com", "firstName", "Tom", "lastName", "Tab\tbed   spaces")))
				.body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		await().atMost(Duration.ofSeconds(60)).until(() -> status(preparer, id).equals("AWAITING_CONFIRMATION"));
		assertThat(preparer.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(60)).until(() -> status(preparer, id).equals("SENT"));
		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
	}

	private static String status(Api api, String id) {
		return api.get("/api/deliveries/" + id).json().get("status").asText();
	}

	/** The message as the MTA received it (GreenMail adds Return-Path and Received). */
	private static byte[] raw(MimeMessage message) throws Exception {
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw);
		return raw.toByteArray();
	}

}
