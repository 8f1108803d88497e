package org.campaigndelivery.support;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The parts of a message that reached the MTA, decoded. */
public final class MessageParts {

	private MessageParts() {
	}

	/** The HTML part, decoded. */
	public static String html(Part message) {
		return part(message, "text/html");
	}

	/** The text part, decoded. */
	public static String text(Part message) {
		return part(message, "text/plain");
	}

	private static String part(Part part, String type) {
		try {
			if (part.isMimeType(type)) {
				return part.getContent().toString();
			}
			if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					String found = part(multipart.getBodyPart(i), type);
					if (found != null) {
						return found;
					}
				}
			}
			return null;
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("The message cannot be read", ex);
		}
	}

}
