package org.campaigndelivery.sending;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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

	private static final String PYTHON = "/usr/bin/python3";

	@TempDir
	static Path directory;

	static GreenMail smtp;

	@BeforeAll
	static void requireVerifier() throws Exception {
		Process probe = new ProcessBuilder(PYTHON, "-c", "import dkim").redirectErrorStream(true).start();
		boolean available = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
		String missing = "python3-dkim is needed to verify DKIM signatures: " + PYTHON
				+ " cannot import dkim (apt-get install python3-dkim)";
		if ("true".equals(System.getenv("CI"))) {
			assertThat(available).as(missing).isTrue();
		}
		Assumptions.assumeTrue(available, missing);
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
			assertThat(verify(raw, keys)).as("dkimpy verifies\n" + text).isZero();
			String subject = text.replaceFirst("\r\nSubject: ", "\r\nSubject: Re: ");
			assertThat(subject).isNotEqualTo(text);
			assertThat(verify(subject.getBytes(StandardCharsets.ISO_8859_1), keys)).as("subject changed").isEqualTo(1);
			int bodyStart = text.indexOf("\r\n\r\n");
			String body = text.substring(0, bodyStart) + text.substring(bodyStart).replaceFirst("Hello", "Hullo");
			assertThat(body).isNotEqualTo(text);
			assertThat(verify(body.getBytes(StandardCharsets.ISO_8859_1), keys)).as("body changed").isEqualTo(1);
			DkimKeys other = DkimKeys.rsa(directory);
			assertThat(verify(raw, other)).as("another domain's key").isEqualTo(1);
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

	/** dkimpy's exit code: 0 valid, 1 not. */
	private static int verify(byte[] message, DkimKeys keys) throws IOException, InterruptedException {
		Path script = directory.resolve("verify.py");
		if (!Files.exists(script)) {
			try (var in = DkimSigningTests.class.getResourceAsStream("/dkim/verify.py")) {
				Files.copy(in, script);
			}
		}
		Process verifier = new ProcessBuilder(PYTHON, script.toString(), "news2026", "shop.example.com",
				keys.publicKey())
			.redirectErrorStream(true)
			.start();
		verifier.getOutputStream().write(message);
		verifier.getOutputStream().close();
		String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(verifier.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(verifier.exitValue()).as(output).isIn(0, 1);
		return verifier.exitValue();
	}

}
