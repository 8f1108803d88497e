package org.campaigndelivery.sending;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;
import org.subethamail.smtp.server.SessionHandler.SessionAcceptance;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * An SMTP server on the loopback interface that accepts every message, so that the
 * application runs out of the box without a real MTA (SubEthaSMTP speaks the protocol:
 * pipelining, size limit, line lengths, timeouts, connection limit), and keeps the last
 * ones (delivery.mta.sandbox.keep, 200 by default, in memory) for its inbox at /sandbox.
 * It refuses the recipients that delivery.mta.sandbox.refuse names with the reply given
 * there, so that a bounce can be seen without a real MTA. On unless turned off, as
 * {@link MtaProperties} says; off in production (delivery.mta.sandbox.enabled=false).
 */
@Component
@ConditionalOnProperty(name = "delivery.mta.sandbox.enabled", havingValue = "true", matchIfMissing = true)
public class SandboxMta implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SandboxMta.class);

	private static final int MAX_SESSIONS = 32;

	/** A message larger than this is accepted but not kept. */
	private static final int MAX_KEPT_BYTES = 10 * 1024 * 1024;

	/** A message larger than this is refused, as the SIZE extension announces. */
	private static final int MAX_MESSAGE_BYTES = 50 * 1024 * 1024;

	private final int port;

	private final int keep;

	private final Map<Pattern, String> refusals = new LinkedHashMap<>();

	private final Deque<SandboxMessage> kept = new ArrayDeque<>();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	private volatile SMTPServer server;

	private final Clock clock;

	SandboxMta(MtaProperties properties, Clock clock) {
		this.clock = clock;
		this.port = properties.sandbox().port();
		this.keep = Math.max(0, properties.sandbox().keep());
		properties.sandbox().refuse().forEach((address, reply) -> this.refusals.put(glob(address), reply.trim()));
	}

	/** The messages kept, newest first. */
	public List<SandboxMessage> messages() {
		synchronized (this.kept) {
			return List.copyOf(this.kept);
		}
	}

	Optional<SandboxMessage> message(long id) {
		synchronized (this.kept) {
			return this.kept.stream().filter((m) -> m.id() == id).findFirst();
		}
	}

	private void keep(SandboxMessage message) {
		if (this.keep == 0) {
			return;
		}
		synchronized (this.kept) {
			this.kept.addFirst(message);
			while (this.kept.size() > this.keep) {
				this.kept.removeLast();
			}
		}
	}

	/** `*` stands for any characters; everything else for itself. */
	private static Pattern glob(String address) {
		String[] parts = address.trim().split("\\*", -1);
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(parts[i]));
		}
		return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
	}

	/** The configured reply that refuses the address, or null when it is accepted. */
	private String refusal(String address) {
		for (Map.Entry<Pattern, String> refusal : this.refusals.entrySet()) {
			if (refusal.getKey().matcher(address).matches()) {
				return refusal.getValue();
			}
		}
		return null;
	}

	/**
	 * The port it listens on; the configured one, or the one the system chose for port 0.
	 */
	public int port() {
		SMTPServer listening = this.server;
		return listening == null ? this.port : listening.getPortAllocated();
	}

	/** SMTP connections accepted since start. */
	public long acceptedConnections() {
		return this.connections.get();
	}

	/** Messages accepted since start. */
	public long acceptedMessages() {
		return this.accepted.get();
	}

	@Override
	public void start() {
		SMTPServer smtp = SMTPServer.port(this.port)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("sandbox.campaign-delivery")
			.softwareName("campaign-delivery sandbox")
			.maxConnections(MAX_SESSIONS)
			.connectionTimeout(60, TimeUnit.SECONDS)
			.maxMessageSize(MAX_MESSAGE_BYTES)
			.sessionHandler(new CountingSessions())
			.messageHandlerFactory((context) -> new Transaction())
			.build();
		try {
			smtp.start();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The sandbox MTA cannot listen on port " + this.port, ex);
		}
		this.server = smtp;
		log.info("Sandbox MTA listening on {}; it keeps the last {} messages for its inbox at /sandbox",
				smtp.getDisplayableLocalSocketAddress(), this.keep);
	}

	@Override
	public void stop() {
		SMTPServer smtp = this.server;
		if (smtp != null) {
			smtp.stop();
		}
		this.server = null;
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Before the engine's job executor, so that no lane relays to a closed port at start
	 * or stop.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

	/** Counts the SMTP connections; accepts every one. */
	private final class CountingSessions implements SessionHandler {

		@Override
		public SessionAcceptance accept(Session session) {
			SandboxMta.this.connections.incrementAndGet();
			return SessionAcceptance.success();
		}

		@Override
		public void onSessionEnd(Session session) {
			// nothing kept per session
		}

	}

	/**
	 * One mail transaction: refuses the recipients configured so, keeps the message
	 * (dot-unstuffed by the server) for the inbox.
	 */
	private final class Transaction implements MessageHandler {

		private String mailFrom;

		private final List<String> recipients = new ArrayList<>();

		@Override
		public void from(String from) {
			this.mailFrom = from;
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			String refusal = refusal(recipient);
			if (refusal != null) {
				throw rejection(refusal);
			}
			this.recipients.add(recipient);
		}

		@Override
		public String data(InputStream data) throws IOException {
			byte[] raw = data.readNBytes(MAX_KEPT_BYTES + 1);
			data.transferTo(OutputStream.nullOutputStream());
			SandboxMta.this.accepted.incrementAndGet();
			if (raw.length <= MAX_KEPT_BYTES) {
				keep(new SandboxMessage(SandboxMta.this.ids.incrementAndGet(), SandboxMta.this.clock.instant(),
						this.mailFrom, List.copyOf(this.recipients), raw));
			}
			return null;
		}

		@Override
		public void done() {
			// nothing to release
		}

	}

	/** A configured reply such as `550 5.1.1 user unknown` as the server's refusal. */
	private static RejectException rejection(String reply) {
		int space = reply.indexOf(' ');
		if (space == 3 && reply.chars().limit(3).allMatch(Character::isDigit)) {
			return new RejectException(Integer.parseInt(reply.substring(0, 3)), reply.substring(4));
		}
		return new RejectException(550, reply);
	}

}
