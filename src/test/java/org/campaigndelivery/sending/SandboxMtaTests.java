package org.campaigndelivery.sending;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxMtaTests {

	private SandboxMta sandbox;

	@BeforeEach
	void start() {
		this.sandbox = new SandboxMta(new MtaProperties(new MtaProperties.Sandbox(true, 0)));
		this.sandbox.start();
	}

	@AfterEach
	void stop() {
		this.sandbox.stop();
	}

	@Test
	void shouldAcceptEveryMessageRelayedOverOneSmtpConnection() throws Exception {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(this.sandbox.port());
		List<MimeMessage> messages = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setFrom("news@example.com");
			helper.setTo("r" + i + "@example.com");
			helper.setSubject("Message " + i);
			helper.setText("<p>line one</p>\r\n.\r\n<p>a line that is a single dot above</p>", true);
			messages.add(message);
		}

		sender.send(messages.toArray(MimeMessage[]::new));

		assertThat(this.sandbox.acceptedMessages()).isEqualTo(25);
		assertThat(this.sandbox.isRunning()).isTrue();
	}

}
