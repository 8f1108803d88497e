package org.campaigndelivery.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Assumptions;

/**
 * Postfix's smtp-sink on a free loopback port, the MTA of the relay benchmarks: it
 * accepts every message and throws it away at the speed of the network.
 */
final class SmtpSink {

	static final File SINK = new File("/usr/sbin/smtp-sink");

	private static int port;

	private static Process process;

	private SmtpSink() {
	}

	/** Starts the sink, or skips the benchmark on a machine without Postfix. */
	static int start(String benchmark) throws IOException {
		Assumptions.assumeTrue(SINK.canExecute(),
				"The " + benchmark + " needs Postfix's smtp-sink (and smtp-source): apt-get install postfix");
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		process = new ProcessBuilder(SINK.getPath(), "-u", "postfix", "127.0.0.1:" + port, "1024")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		return port;
	}

	static int port() {
		return port;
	}

	static void stop() {
		if (process != null) {
			process.destroy();
			process = null;
		}
	}

}
