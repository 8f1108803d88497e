package org.campaigndelivery.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP server for tests that refuses chosen recipients at RCPT TO with a chosen reply
 * (as a real MTA refuses an unknown user or a full mailbox) and accepts everything else,
 * remembering who it accepted and the MAIL FROM and RCPT TO commands it was given. It
 * advertises DSN (RFC 3461) when told to.
 */
public final class RefusingSmtpServer implements AutoCloseable {

	private final ServerSocket server;

	private final ExecutorService sessions = Executors.newCachedThreadPool();

	private final Map<String, String> refusals = new ConcurrentHashMap<>();

	private final List<String> accepted = new CopyOnWriteArrayList<>();

	private final List<String> envelopeCommands = new CopyOnWriteArrayList<>();

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile long delayMillis;

	private volatile boolean dsn;

	public RefusingSmtpServer(int port) throws IOException {
		this(port, 0);
	}

	/**
	 * @param delayMillis how long it takes to accept each message, as a remote MTA would
	 */
	public RefusingSmtpServer(int port, long delayMillis) throws IOException {
		this.delayMillis = delayMillis;
		this.server = new ServerSocket();
		// bound again at once when a test replaces the MTA on the same port
		this.server.setReuseAddress(true);
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		this.sessions.execute(this::acceptLoop);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Refuses RCPT TO for the address with the reply, e.g. "550 5.1.1 User unknown". */
	public void refuse(String address, String reply) {
		this.refusals.put(address.toLowerCase(Locale.ROOT), reply);
	}

	public void acceptAgain(String address) {
		this.refusals.remove(address.toLowerCase(Locale.ROOT));
	}

	/** From the next connection on, EHLO advertises DSN (or stops advertising it). */
	public void advertiseDsn(boolean advertised) {
		this.dsn = advertised;
	}

	/**
	 * Ends every open session, as an MTA that restarts does: the application's pooled
	 * connections find it gone and the next one is greeted anew.
	 */
	public void dropConnections() throws IOException {
		for (Socket socket : this.open) {
			socket.close();
		}
		this.open.clear();
	}

	public void clearEnvelopeCommands() {
		this.envelopeCommands.clear();
	}

	/** The MAIL FROM and RCPT TO commands received so far, as sent. */
	public List<String> envelopeCommands() {
		return List.copyOf(this.envelopeCommands);
	}

	/** From the next message on, accepting each takes this long. */
	public void delay(Duration delay) {
		this.delayMillis = delay.toMillis();
	}

	/** How many messages were accepted so far. */
	public int acceptedCount() {
		return this.accepted.size();
	}

	/** The recipients of the messages accepted so far, one entry per message. */
	public List<String> accepted() {
		return List.copyOf(this.accepted);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		dropConnections();
		this.sessions.shutdownNow();
		// A listening socket closed while a thread waits in accept() is released only
		// once that thread has left it: wait, so the port can be bound again at once.
		try {
			this.sessions.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.open.add(socket);
				this.sessions.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = socket.getOutputStream()) {
			reply(out, "220 refusing.test ESMTP");
			String recipient = null;
			String line;
			while ((line = in.readLine()) != null) {
				String upper = line.toUpperCase(Locale.ROOT);
				if (upper.startsWith("EHLO")) {
					reply(out, this.dsn ? "250-refusing.test\r\n250-DSN\r\n250 8BITMIME"
							: "250-refusing.test\r\n250 8BITMIME");
				}
				else if (upper.startsWith("RCPT TO:")) {
					this.envelopeCommands.add(line);
					String path = line.substring(8).strip();
					String address = (path.startsWith("<") && path.indexOf('>') > 0)
							? path.substring(1, path.indexOf('>')).toLowerCase(Locale.ROOT)
							: path.replaceAll("\\s.*", "").toLowerCase(Locale.ROOT);
					String refusal = this.refusals.get(address);
					recipient = refusal == null ? address : null;
					reply(out, refusal == null ? "250 OK" : refusal);
				}
				else if (upper.startsWith("DATA")) {
					if (recipient == null) {
						reply(out, "554 5.5.1 No valid recipients");
						continue;
					}
					reply(out, "354 Go ahead");
					while ((line = in.readLine()) != null && !line.equals(".")) {
						// content not kept
					}
					pause();
					this.accepted.add(recipient);
					reply(out, "250 OK");
				}
				else if (upper.startsWith("QUIT")) {
					reply(out, "221 Bye");
					return;
				}
				else if (upper.startsWith("RSET") || upper.startsWith("MAIL") || upper.startsWith("NOOP")
						|| upper.startsWith("HELO")) {
					if (upper.startsWith("RSET") || upper.startsWith("MAIL")) {
						recipient = null;
					}
					if (upper.startsWith("MAIL")) {
						this.envelopeCommands.add(line);
					}
					reply(out, "250 OK");
				}
				else {
					reply(out, "502 Not implemented");
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private void pause() {
		try {
			Thread.sleep(this.delayMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

}
