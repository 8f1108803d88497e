package org.campaigndelivery.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A Postfix instance of the test's own (Debian's postfix; its own configuration, queue
 * and log under a temporary directory, started with {@code postfix -c DIR start}) that
 * listens on a loopback port and relays everything to the test's "remote" SMTP server, so
 * nothing leaves the machine. It asks every DSN Postfix writes to be piped, as
 * docs/deliverability.md's recipe does, to the application's {@code /api/mta/dsn} with
 * curl. Queue times are seconds instead of days: retries every second, a delay warning
 * after {@code delayWarning}, a final failure after {@code queueLifetime}.
 */
public final class PrivatePostfix implements AutoCloseable {

	private static final Path POSTFIX = Path.of("/usr/sbin/postfix");

	private final Path directory;

	private final int port;

	private PrivatePostfix(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Skips the test where Postfix is not installed or the test does not run as root
	 * (Postfix's master must), but fails it on CI, which installs Postfix.
	 */
	public static void assumeAvailable() {
		boolean available = Files.isExecutable(POSTFIX) && "root".equals(System.getProperty("user.name"));
		if (!available && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must run as root with Debian's postfix installed (.ci/run)");
		}
		Assumptions.assumeTrue(available, "Postfix is not installed here, or the tests do not run as root");
	}

	/**
	 * @param port where it listens for the application
	 * @param remotePort the loopback port of the server it relays all mail to
	 * @param dsnEndpoint the URL its reports are piped to, with the MTA's credentials
	 */
	public static PrivatePostfix start(int port, int remotePort, String dsnEndpoint, String credentials,
			Duration delayWarning, Duration queueLifetime) {
		try {
			// Postfix's own user must reach its data directory through this one
			Path directory = Files.createTempDirectory("postfix-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
			Path conf = Files.createDirectories(directory.resolve("conf"));
			Files.createDirectories(directory.resolve("queue"));
			Path data = Files.createDirectories(directory.resolve("data"));
			UserPrincipal postfix = directory.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName("postfix");
			Files.setOwner(data, postfix);
			Files.writeString(conf.resolve("main.cf"), """
					compatibility_level = 3.6
					queue_directory = %1$s/queue
					data_directory = %1$s/data
					meta_directory = /etc/postfix
					mail_owner = postfix
					setgid_group = postdrop
					myhostname = postfix.test
					mydomain = postfix.test
					myorigin = postfix.test
					mydestination =
					inet_interfaces = 127.0.0.1
					inet_protocols = ipv4
					mynetworks = 127.0.0.0/8
					smtpd_relay_restrictions = permit_mynetworks, reject
					relayhost = [127.0.0.1]:%2$d
					transport_maps = inline:{ bounce.example.com=dsnpipe: }
					alias_maps =
					alias_database =
					local_recipient_maps =
					maillog_file = %1$s/maillog
					maillog_file_prefixes = %1$s
					smtp_dns_support_level = disabled
					smtputf8_enable = no
					biff = no
					queue_run_delay = 1s
					minimal_backoff_time = 1s
					maximal_backoff_time = 1s
					delay_warning_time = %3$ds
					maximal_queue_lifetime = %4$ds
					bounce_queue_lifetime = %4$ds
					""".formatted(directory, remotePort, delayWarning.toSeconds(), queueLifetime.toSeconds()));
			Files.writeString(conf.resolve("master.cf"), """
					127.0.0.1:%1$d inet n - n - - smtpd
					pickup    unix  n - n 60 1 pickup
					cleanup   unix  n - n - 0 cleanup
					qmgr      unix  n - n 300 1 qmgr
					rewrite   unix  - - n - - trivial-rewrite
					bounce    unix  - - n - 0 bounce
					defer     unix  - - n - 0 bounce
					trace     unix  - - n - 0 bounce
					verify    unix  - - n - 1 verify
					flush     unix  n - n 1000? 0 flush
					proxymap  unix  - - n - - proxymap
					smtp      unix  - - n - - smtp
					relay     unix  - - n - - smtp
					showq     unix  n - n - - showq
					error     unix  - - n - - error
					retry     unix  - - n - - error
					discard   unix  - - n - - discard
					anvil     unix  - - n - 1 anvil
					scache    unix  - - n - 1 scache
					postlog   unix-dgram n - n - 1 postlogd
					dsnpipe   unix  - n n - - pipe
					  flags=DOq user=nobody argv=/usr/bin/curl --silent --show-error --fail --max-time 30
					  --user %2$s --header Content-Type:message/rfc822 --data-binary @- %3$s
					""".formatted(port, credentials, dsnEndpoint));
			PrivatePostfix instance = new PrivatePostfix(directory, port);
			instance.postfix("start");
			return instance;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A free loopback port, for the instance or its remote server. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** Tries every deferred message again now, as {@code postqueue -f} does. */
	public void flush() {
		run(List.of("/usr/sbin/postqueue", "-c", this.directory.resolve("conf").toString(), "-f"));
	}

	/** What it logged so far, for a failure's message. */
	public String log() {
		try {
			Path log = this.directory.resolve("maillog");
			return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "(maillog unreadable: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		postfix("stop");
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void postfix(String command) {
		run(List.of(POSTFIX.toString(), "-c", this.directory.resolve("conf").toString(), command));
	}

	private void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output + "\n" + log());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
