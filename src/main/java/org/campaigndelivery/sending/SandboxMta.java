package org.campaigndelivery.sending;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * An SMTP server on the loopback interface that accepts every message and keeps none, so
 * that the application runs out of the box without a real MTA. Off in production
 * (delivery.mta.sandbox.enabled=false).
 */
@Component
@ConditionalOnProperty(name = "delivery.mta.sandbox.enabled", havingValue = "true")
public class SandboxMta implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SandboxMta.class);

	private static final int MAX_SESSIONS = 32;

	private final int port;

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	private volatile ServerSocket server;

	private ExecutorService sessions;

	SandboxMta(MtaProperties properties) {
		this.port = properties.sandbox().port();
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
		log.info("Sandbox MTA listening on {}:{}; it accepts every message and keeps none",
				this.server.getInetAddress().getHostAddress(), this.server.getLocalPort());
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
			String line;
			while ((line = in.readLine()) != null) {
				String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
				switch (verb) {
					case "EHLO" -> reply(out,
							"250-sandbox.campaign-delivery\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 52428800");
					case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
					case "DATA" -> {
						reply(out, "354 End data with <CR><LF>.<CR><LF>");
						while ((line = in.readLine()) != null && !line.equals(".")) {
							// the content is not kept
						}
						this.accepted.incrementAndGet();
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

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

}
