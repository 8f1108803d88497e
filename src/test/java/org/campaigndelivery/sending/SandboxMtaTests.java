package org.campaigndelivery.sending;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxMtaTests {

	private SandboxMta sandbox;

	@BeforeEach
	void start() {
		this.sandbox = new SandboxMta(new MtaProperties(new MtaProperties.Sandbox(true, 0, 200, Map.of())),
				Clock.systemUTC());
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

	@Test
	void shouldKeepTheLastMessagesNewestFirstWithTheirDotsUnstuffed() throws Exception {
		this.sandbox.stop();
		this.sandbox = new SandboxMta(new MtaProperties(new MtaProperties.Sandbox(true, 0, 3, Map.of())),
				Clock.systemUTC());
		this.sandbox.start();
		JavaMailSenderImpl sender = sender();
		for (int i = 0; i < 5; i++) {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setFrom("news@example.com");
			helper.setTo("r" + i + "@example.com");
			helper.setSubject("Message " + i);
			helper.setText("first line\r\n.\r\n..two dots", false);
			sender.send(message);
		}

		List<SandboxMessage> kept = this.sandbox.messages();

		assertThat(kept).extracting((m) -> m.parsed().getSubject())
			.containsExactly("Message 4", "Message 3", "Message 2");
		assertThat(kept.get(0).recipients()).containsExactly("r4@example.com");
		assertThat(kept.get(0).mailFrom()).isEqualTo("news@example.com");
		assertThat(kept.get(0).parsed().getContent().toString()).isEqualTo("first line\r\n.\r\n..two dots\r\n");
		assertThat(this.sandbox.acceptedMessages()).isEqualTo(5);
	}

	@Test
	void shouldKeepNoMessageWhenToldToKeepNone() throws Exception {
		this.sandbox.stop();
		this.sandbox = new SandboxMta(new MtaProperties(new MtaProperties.Sandbox(true, 0, 0, Map.of())),
				Clock.systemUTC());
		this.sandbox.start();
		JavaMailSenderImpl sender = sender();
		MimeMessage message = sender.createMimeMessage();
		new MimeMessageHelper(message, "UTF-8").setTo("r@example.com");
		message.setFrom("news@example.com");
		message.setText("hello");
		sender.send(message);

		assertThat(this.sandbox.acceptedMessages()).isEqualTo(1);
		assertThat(this.sandbox.messages()).isEmpty();
	}

	@Test
	void shouldRefuseTheConfiguredAddressesWithTheConfiguredReply() throws Exception {
		this.sandbox.stop();
		this.sandbox = new SandboxMta(new MtaProperties(new MtaProperties.Sandbox(true, 0, 10, Map
			.of("bounce-*@Example.com", "550 5.1.1 user unknown", "full@example.com", "452 4.2.2 mailbox full"))),
				Clock.systemUTC());
		this.sandbox.start();
		JavaMailSenderImpl sender = sender();

		for (String refused : List.of("bounce-7@example.com", "full@example.com")) {
			MimeMessage message = sender.createMimeMessage();
			message.setFrom("news@example.com");
			new MimeMessageHelper(message, "UTF-8").setTo(refused);
			message.setText("hello");
			assertThatThrownBy(() -> sender.send(message)).hasStackTraceContaining(
					refused.startsWith("full") ? "452 4.2.2 mailbox full" : "550 5.1.1 user unknown");
		}
		MimeMessage accepted = sender.createMimeMessage();
		accepted.setFrom("news@example.com");
		new MimeMessageHelper(accepted, "UTF-8").setTo("bounce@example.com");
		accepted.setText("hello");
		sender.send(accepted);

		assertThat(this.sandbox.messages()).extracting(SandboxMessage::recipients)
			.containsExactly(List.of("bounce@example.com"));
	}

	private JavaMailSenderImpl sender() {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(this.sandbox.port());
		return sender;
	}

}
