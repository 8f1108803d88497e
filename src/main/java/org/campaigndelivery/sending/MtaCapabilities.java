package org.campaigndelivery.sending;

import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;

import org.springframework.stereotype.Component;

/** What the MTA configured by spring.mail.* says it can do. */
@Component
public class MtaCapabilities {

	private final SmtpConnections connections;

	MtaCapabilities(SmtpConnections connections) {
		this.connections = connections;
	}

	/**
	 * Whether the MTA takes delivery status notification requests (RFC 3461), as it
	 * greeted the connection the lanes use: an idle one still open (checked with a NOOP)
	 * or a new one, which the lanes then reuse. Empty when it cannot be reached.
	 */
	public Optional<Boolean> deliveryStatusNotifications() {
		try {
			Transport transport = this.connections.borrow();
			this.connections.release(transport, true);
		}
		catch (MessagingException ex) {
			return Optional.empty();
		}
		return this.connections.deliveryStatusNotifications();
	}

}
