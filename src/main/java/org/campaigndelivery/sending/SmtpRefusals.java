package org.campaigndelivery.sending;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Tells an MTA's refusal of a recipient or message (an SMTP reply) from a failure to talk
 * to it at all.
 */
final class SmtpRefusals {

	private SmtpRefusals() {
	}

	/**
	 * The SMTP reply that refused the message ("550 5.1.1 User unknown"), or null when
	 * the MTA did not answer.
	 */
	static String reply(Exception failure) {
		Throwable current = failure;
		while (current != null) {
			if (current instanceof SMTPAddressFailedException refused) {
				return text(refused.getReturnCode(), refused.getMessage());
			}
			if (current instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 400) {
				return text(refused.getReturnCode(), refused.getMessage());
			}
			Throwable next = current instanceof MessagingException messaging ? messaging.getNextException() : null;
			current = next != null ? next : current.getCause();
		}
		return null;
	}

	private static String text(int code, String message) {
		String reply = message == null ? "" : message.trim();
		return reply.startsWith(String.valueOf(code)) ? reply : code + " " + reply;
	}

}
