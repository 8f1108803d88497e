package org.campaigndelivery.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * The application in a JVM of its own, started from the test classpath as `java -jar`
 * would start it: for what only shows from outside (the moment the port opens, a kill
 * -9).
 * <p>
 * It boots in about half the time a plain start takes: on the client compiler alone
 * ({@value #JVM_OPTIONS}), and, started from the test classpath, with a class data
 * sharing archive: the classpath's directories are packed into jars under
 * target/application-process/cds (again only when their content changes), a first
 * application started and stopped on them writes the archive once per classpath, and
 * every start after that maps its classes from it.
 * {@code -Dcampaign-delivery.test.cds=false} starts without it.
 */
public final class ApplicationProcess implements AutoCloseable {

	/**
	 * -Dcampaign-delivery.test.jar=target/campaign-delivery-….jar: the tests that start
	 * the application in a JVM of its own start the built jar (java -jar), as a user
	 * does, instead of the classes just compiled.
	 */
	public static final String JAR_PROPERTY = "campaign-delivery.test.jar";

	/** -Dcampaign-delivery.test.cds=false: no class data sharing archive. */
	public static final String CDS_PROPERTY = "campaign-delivery.test.cds";

	/**
	 * -Dcampaign-delivery.test.jvm-options="…": the application JVM's options, space
	 * separated, instead of {@value #JVM_OPTIONS}.
	 */
	public static final String JVM_OPTIONS_PROPERTY = "campaign-delivery.test.jvm-options";

	private static final String JVM_OPTIONS = "-Xmx512m -XX:TieredStopAtLevel=1";

	private static final Path CDS_DIRECTORY = Path.of("target", "application-process", "cds").toAbsolutePath();

	/** The JVM's options and the classpath and main class, found on the first start. */
	private static List<String> launch;

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
		List<String> command = new ArrayList<>(launch());
		command.addAll(List.of("--server.port=" + port, "--delivery.mta.sandbox.port=" + freePort()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.directory(directory)
			.start();
		return new ApplicationProcess(process, port, log);
	}

	private static synchronized List<String> launch() throws IOException {
		if (launch == null) {
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
			command.addAll(List.of(System.getProperty(JVM_OPTIONS_PROPERTY, JVM_OPTIONS).trim().split("\\s+")));
			String jar = System.getProperty(JAR_PROPERTY);
			if (jar != null) {
				command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
			}
			else if (Boolean.parseBoolean(System.getProperty(CDS_PROPERTY, "true"))) {
				String classpath = jarredClasspath();
				List<String> main = List.of("-cp", classpath, "org.campaigndelivery.CampaignDeliveryApplication");
				Path archive = archive(command, main, classpath);
				if (archive != null) {
					command.add("-XX:SharedArchiveFile=" + archive);
				}
				command.addAll(main);
				removeAllBut(classpath, archive);
			}
			else {
				command.addAll(List.of("-cp", System.getProperty("java.class.path"),
						"org.campaigndelivery.CampaignDeliveryApplication"));
			}
			launch = List.copyOf(command);
		}
		return launch;
	}

	/**
	 * The test classpath with each directory packed into a jar named after its content:
	 * the JVM maps archived classes only from jars.
	 */
	private static String jarredClasspath() throws IOException {
		Files.createDirectories(CDS_DIRECTORY);
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath();
			if (Files.isDirectory(path)) {
				entries.add(jar(path).toString());
			}
			else if (Files.isRegularFile(path)) {
				entries.add(path.toString());
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	private static Path jar(Path directory) throws IOException {
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(directory)) {
			paths = walk.filter((path) -> !path.equals(directory)).sorted().toList();
		}
		StringBuilder content = new StringBuilder(directory.toString());
		for (Path path : paths) {
			content.append('\n').append(directory.relativize(path));
			if (Files.isRegularFile(path)) {
				content.append(' ')
					.append(Files.size(path))
					.append(' ')
					.append(Files.getLastModifiedTime(path).toMillis());
			}
		}
		Path jar = CDS_DIRECTORY.resolve(directory.getFileName() + "-" + digest(content.toString()) + ".jar");
		if (!Files.exists(jar)) {
			Path partial = Files.createTempFile(CDS_DIRECTORY, "partial", ".jar");
			try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jarOut = new JarOutputStream(out)) {
				for (Path path : paths) {
					String name = directory.relativize(path).toString().replace(File.separatorChar, '/');
					// the directories' entries too: Spring's classpath scanning lists
					// them
					if (Files.isDirectory(path)) {
						jarOut.putNextEntry(new ZipEntry(name + "/"));
					}
					else {
						jarOut.putNextEntry(new ZipEntry(name));
						Files.copy(path, jarOut);
					}
					jarOut.closeEntry();
				}
			}
			Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
		}
		return jar;
	}

	/**
	 * The archive for the classpath, written by an application started and stopped on its
	 * embedded defaults when there is none yet; null if it could not be written.
	 */
	private static Path archive(List<String> java, List<String> main, String classpath) throws IOException {
		StringBuilder jars = new StringBuilder(String.join(" ", java)).append('\n');
		for (String entry : classpath.split(File.pathSeparator)) {
			Path path = Path.of(entry);
			jars.append(entry)
				.append(' ')
				.append(Files.size(path))
				.append(' ')
				.append(Files.getLastModifiedTime(path).toMillis())
				.append('\n');
		}
		Path archive = CDS_DIRECTORY.resolve("application-" + digest(jars.toString()) + ".jsa");
		if (Files.exists(archive)) {
			return archive;
		}
		Path training = Files.createDirectories(CDS_DIRECTORY.resolve("training"));
		Path partial = CDS_DIRECTORY.resolve("partial.jsa");
		Files.deleteIfExists(partial);
		List<String> command = new ArrayList<>(java);
		command.add("-XX:ArchiveClassesAtExit=" + partial);
		command.addAll(main);
		int port = freePort();
		command.addAll(List.of("--server.port=" + port, "--delivery.mta.sandbox.port=" + freePort()));
		Path log = CDS_DIRECTORY.resolve("training.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(training.toFile())
			.start();
		ApplicationProcess application = new ApplicationProcess(process, port, log);
		try {
			application.awaitPortOpen(Duration.ofMinutes(2));
			// a graceful stop: the JVM writes the archive as it exits
			application.close();
		}
		catch (RuntimeException ex) {
			process.destroyForcibly();
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return null;
		}
		finally {
			FileSystemUtils.deleteRecursively(training);
		}
		if (process.exitValue() != 143 && process.exitValue() != 0 || !Files.isRegularFile(partial)) {
			return null;
		}
		Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
		return archive;
	}

	/** Jars and archives of classpaths gone. */
	private static void removeAllBut(String classpath, Path archive) throws IOException {
		List<String> kept = new ArrayList<>(List.of(classpath.split(File.pathSeparator)));
		kept.add(CDS_DIRECTORY.resolve("training.log").toString());
		if (archive != null) {
			kept.add(archive.toString());
		}
		try (Stream<Path> files = Files.list(CDS_DIRECTORY)) {
			for (Path file : files.toList()) {
				if (!kept.contains(file.toString())) {
					FileSystemUtils.deleteRecursively(file);
				}
			}
		}
	}

	private static String digest(String content) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
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
