package org.campaigndelivery.sending;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * An SMTP server on the loopback interface that accepts every message, so that the
 * application runs out of the box without a real MTA, and keeps the last ones
 * (delivery.mta.sandbox.keep, 200 by default, in memory) for its inbox at /sandbox. It
 * refuses the recipients that delivery.mta.sandbox.refuse names with the reply given
 * there, so that a bounce can be seen without a real MTA. Off in production
 * (delivery.mta.sandbox.enabled=false).
 */
@Component
@ConditionalOnProperty(name = "delivery.mta.sandbox.enabled", havingValue = "true")
public class SandboxMta implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SandboxMta.class);

	private static final int MAX_SESSIONS = 32;

	/** A message larger than this is accepted but not kept. */
	private static final int MAX_KEPT_BYTES = 10 * 1024 * 1024;

	private final int port;

	private final int keep;

	private final Map<Pattern, String> refusals = new LinkedHashMap<>();

	private final Deque<SandboxMessage> kept = new ArrayDeque<>();

	private final AtomicLong ids = new AtomicLong();

	private static final byte[] CRLF = { '\r', '\n' };

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	private volatile ServerSocket server;

	private ExecutorService sessions;

	SandboxMta(MtaProperties properties) {
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
		ServerSocket listening = this.server;
		return listening == null ? this.port : listening.getLocalPort();
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
		try {
			this.server = new ServerSocket(this.port, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The sandbox MTA cannot listen on port " + this.port, ex);
		}
		this.sessions = Executors.newFixedThreadPool(MAX_SESSIONS + 1, r -> {
			Thread thread = new Thread(r, "sandbox-mta");
			thread.setDaemon(true);
			return thread;
		});
		this.sessions.execute(this::acceptLoop);
		log.info("Sandbox MTA listening on {}:{}; it keeps the last {} messages for its inbox at /sandbox",
				this.server.getInetAddress().getHostAddress(), this.server.getLocalPort(), this.keep);
	}

	@Override
	public void stop() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			log.debug("Closing the sandbox MTA", ex);
		}
		this.sessions.shutdownNow();
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

	private void acceptLoop() {
		ServerSocket listening = this.server;
		while (!listening.isClosed()) {
			try {
				Socket socket = listening.accept();
				this.connections.incrementAndGet();
				this.sessions.execute(() -> serve(socket));
			}
			catch (SocketException ex) {
				return;
			}
			catch (IOException ex) {
				log.warn("Sandbox MTA failed to accept a connection", ex);
			}
		}
	}

	private void serve(Socket socket) {
		try (socket;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = socket.getOutputStream()) {
			socket.setSoTimeout(60_000);
			reply(out, "220 sandbox.campaign-delivery ESMTP sandbox");
			String mailFrom = null;
			List<String> recipients = new ArrayList<>();
			String line;
			while ((line = in.readLine()) != null) {
				String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO" -> reply(out,
							"250-sandbox.campaign-delivery\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 52428800");
					case "HELO", "NOOP" -> reply(out, "250 OK");
					case "RSET" -> {
						mailFrom = null;
						recipients.clear();
						reply(out, "250 OK");
					}
					case "MAIL" -> {
						mailFrom = address(line);
						recipients.clear();
						reply(out, "250 OK");
					}
					case "RCPT" -> {
						String recipient = address(line);
						String refusal = refusal(recipient);
						if (refusal != null) {
							reply(out, refusal);
						}
						else {
							recipients.add(recipient);
							reply(out, "250 OK");
						}
					}
					case "DATA" -> {
						if (recipients.isEmpty()) {
							reply(out, "554 5.5.1 No valid recipients");
							continue;
						}
						reply(out, "354 End data with <CR><LF>.<CR><LF>");
						ByteArrayOutputStream raw = new ByteArrayOutputStream();
						while ((line = in.readLine()) != null && !line.equals(".")) {
							if (raw.size() <= MAX_KEPT_BYTES) {
								// a leading dot was doubled by the client (RFC 5321
								// 4.5.2)
								raw.writeBytes((line.startsWith("..") ? line.substring(1) : line)
									.getBytes(StandardCharsets.ISO_8859_1));
								raw.writeBytes(CRLF);
							}
						}
						this.accepted.incrementAndGet();
						if (raw.size() <= MAX_KEPT_BYTES) {
							keep(new SandboxMessage(this.ids.incrementAndGet(), Instant.now(), mailFrom,
									List.copyOf(recipients), raw.toByteArray()));
						}
						mailFrom = null;
						recipients.clear();
						reply(out, "250 OK queued");
					}
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "502 Command not implemented");
				}
			}
		}
		catch (IOException ex) {
			log.debug("Sandbox MTA session ended", ex);
		}
	}

	/** The address of MAIL FROM:<...> or RCPT TO:<...>. */
	private static String address(String line) {
		int open = line.indexOf('<');
		int close = line.indexOf('>', open + 1);
		if (open >= 0 && close > open) {
			return line.substring(open + 1, close);
		}
		int colon = line.indexOf(':');
		return colon < 0 ? "" : line.substring(colon + 1).trim();
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

}
