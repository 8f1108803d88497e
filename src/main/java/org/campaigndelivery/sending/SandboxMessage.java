package org.campaigndelivery.sending;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message the sandbox MTA accepted, as it came over SMTP.
 *
 * @param raw the message's source, as sent after DATA (dots unstuffed)
 */
record SandboxMessage(long id, Instant receivedAt, String mailFrom, List<String> recipients, byte[] raw) {

	private static final Session SESSION = Session.getInstance(new Properties());

	MimeMessage parsed() throws MessagingException {
		return new MimeMessage(SESSION, new ByteArrayInputStream(this.raw));
	}

}
