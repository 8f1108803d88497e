package org.campaigndelivery.sending;

import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Open SMTP connections to the MTA configured by spring.mail.*, kept across batches so
 * that a lane pays the connection and greeting once, not once per batch. A connection
 * unused for longer than the MTA would keep it is closed rather than reused.
 */
@Component
class SmtpConnections implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

	private final long maxIdleNanos;

	private final JavaMailSenderImpl mailSender;

	private final BlockingDeque<Idle> idle = new LinkedBlockingDeque<>();

	private volatile Optional<Boolean> deliveryStatusNotifications = Optional.empty();

	/**
	 * Jakarta Mail looks its stream provider up with a ServiceLoader, scanning the class
	 * path, every time it encodes a message; named by the system property it is
	 * instantiated directly. That halves the cost of a message.
	 */
	static {
		if (System.getProperty(StreamProvider.class.getName()) == null) {
			System.setProperty(StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	SmtpConnections(JavaMailSenderImpl mailSender, SendingProperties properties) {
		this.mailSender = mailSender;
		this.maxIdleNanos = properties.connectionIdleTimeout().toNanos();
	}

	/** An open connection: a recent idle one, or a new one. */
	Transport borrow() throws MessagingException {
		for (Idle candidate = this.idle.pollFirst(); candidate != null; candidate = this.idle.pollFirst()) {
			if (System.nanoTime() - candidate.since() < this.maxIdleNanos && candidate.transport().isConnected()) {
				return candidate.transport();
			}
			close(candidate.transport());
		}
		Transport transport = this.mailSender.getSession().getTransport(this.mailSender.getProtocol());
		transport.connect(this.mailSender.getHost(), this.mailSender.getPort(), this.mailSender.getUsername(),
				this.mailSender.getPassword());
		this.deliveryStatusNotifications = Optional.of(takesDsnRequests(transport));
		return transport;
	}

	/**
	 * Whether the MTA advertised RFC 3461's DSN extension on the last connection opened
	 * to it; empty before the first one.
	 */
	Optional<Boolean> deliveryStatusNotifications() {
		return this.deliveryStatusNotifications;
	}

	/** Whether this open connection's MTA takes NOTIFY, RET and ENVID. */
	static boolean takesDsnRequests(Transport transport) {
		return transport instanceof SMTPTransport smtp && smtp.supportsExtension("DSN");
	}

	/** Gives back a connection that still works; a broken one is closed. */
	void release(Transport transport, boolean healthy) {
		if (healthy && this.maxIdleNanos > 0 && transport.isConnected()) {
			this.idle.offerFirst(new Idle(transport, System.nanoTime()));
		}
		else {
			close(transport);
		}
	}

	@Override
	public void destroy() {
		for (Idle candidate = this.idle.pollFirst(); candidate != null; candidate = this.idle.pollFirst()) {
			close(candidate.transport());
		}
	}

	private static void close(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			log.debug("Closing an SMTP connection", ex);
		}
	}

	private record Idle(Transport transport, long since) {
	}

}
