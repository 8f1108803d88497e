package org.campaigndelivery.support;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The application in a JVM of its own, started from the test classpath as `java -jar`
 * would start it: for what only shows from outside (the moment the port opens, a kill
 * -9).
 */
public final class ApplicationProcess implements AutoCloseable {

	/**
	 * -Dcampaign-delivery.test.jar=target/campaign-delivery-….jar: the tests that start
	 * the application in a JVM of its own start the built jar (java -jar), as a user
	 * does, instead of the classes just compiled.
	 */
	public static final String JAR_PROPERTY = "campaign-delivery.test.jar";

	private final Process process;

	private final int port;

	private final Path log;

	private ApplicationProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the application on a free port with the given extra arguments; its output
	 * goes to the log file.
	 */
	public static ApplicationProcess start(Path log, String... arguments) throws IOException {
		return start(log, new File("."), freePort(), arguments);
	}

	/**
	 * Starts the application in the directory (its embedded H2 file database lives under
	 * ./data there) on the port: a restart with the same directory and port is the same
	 * node.
	 */
	public static ApplicationProcess start(Path log, File directory, int port, String... arguments) throws IOException {
		String jar = System.getProperty(JAR_PROPERTY);
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
		command.addAll((jar != null) ? List.of("-jar", Path.of(jar).toAbsolutePath().toString()) : List.of("-cp",
				System.getProperty("java.class.path"), "org.campaigndelivery.CampaignDeliveryApplication"));
		command.addAll(List.of("--server.port=" + port, "--delivery.mta.sandbox.port=" + freePort()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.directory(directory)
			.start();
		return new ApplicationProcess(process, port, log);
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	public int port() {
		return this.port;
	}

	public Path log() {
		return this.log;
	}

	/**
	 * Waits until the port takes a connection, trying every few milliseconds, so that the
	 * caller's next request is among the first the application gets.
	 */
	public void awaitPortOpen(Duration timeout) {
		await("port " + this.port + " to open (see " + this.log + ")").atMost(timeout)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.until(this::portOpen);
	}

	private boolean portOpen() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("The application stopped; see " + this.log);
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 100);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** kill -9: no shutdown hook runs, nothing is flushed. */
	public void kill() throws InterruptedException, IOException {
		new ProcessBuilder("kill", "-9", Long.toString(this.process.pid())).inheritIO().start().waitFor();
		this.process.waitFor();
	}

	@Override
	public void close() throws InterruptedException, IOException {
		this.process.destroy();
		if (!this.process.waitFor(java.time.Duration.ofSeconds(30).toMillis(),
				java.util.concurrent.TimeUnit.MILLISECONDS)) {
			kill();
		}
	}

}
