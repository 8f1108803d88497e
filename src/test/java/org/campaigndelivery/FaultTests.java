package org.campaigndelivery;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.campaigndelivery.support.ApplicationProcess;
import org.campaigndelivery.support.PostgresDatabase;
import org.campaigndelivery.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults done for real to the application running in a JVM of its own (as `java -jar`
 * runs it) while it relays a {@value #RECIPIENTS}-recipient delivery over {@value #LANES}
 * lanes of {@value #BATCH} to GreenMail: a kill -9 and a restart as the same node (on its
 * embedded H2 file, then on PostgreSQL), the MTA gone for 20 s, PostgreSQL gone for 15 s.
 * Each time every recipient reaches the MTA, at most the messages in flight (one batch
 * per lane) twice, and the KPIs equal Compute stats.
 */
class FaultTests {

	private static final int RECIPIENTS = 6_000;

	private static final int LANES = 4;

	private static final int BATCH = 200;

	/**
	 * How long a node's job locks hold (the product's default is a minute): what a node
	 * that died, or could not record a failure while its database was away, left locked
	 * is taken again after this long. Above the longest batch here (800 messages over the
	 * lanes at 200 a second in the cluster).
	 */
	private static final int LOCK_MILLIS = 15_000;

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void killedMidSendOnItsEmbeddedH2LosesNobodyAndResumesAtOnce(@TempDir Path directory) throws Exception {
		run(directory, "kill-h2", List.of(), this::killAndRestart);
	}

	@Test
	@EnabledIfSystemProperty(named = PostgresDatabase.URL_PROPERTY, matches = ".+",
			disabledReason = "no PostgreSQL server answered at 127.0.0.1:5432")
	void killedMidSendOnPostgresLosesNobodyAndResumesAtOnce(@TempDir Path directory) throws Exception {
		withDatabase((database) -> run(directory, "kill-postgres", postgres(5432, database), this::killAndRestart));
	}

	@Test
	void mtaAwayForTwentySecondsMidSendLosesNobody(@TempDir Path directory) throws Exception {
		run(directory, "mta-away", List.of(), (sending) -> {
			sending.mta.down();
			Thread.sleep(20_000);
			sending.mta.up();
			return "MTA away 20 s";
		});
	}

	@Test
	@EnabledIfSystemProperty(named = PostgresDatabase.URL_PROPERTY, matches = ".+",
			disabledReason = "no PostgreSQL server answered at 127.0.0.1:5432")
	void databaseAwayForFifteenSecondsMidSendLosesNobody(@TempDir Path directory) throws Exception {
		try (TcpProxy database = new TcpProxy("127.0.0.1", 5432)) {
			withDatabase((name) -> run(directory, "database-away", postgres(database.port(), name), (sending) -> {
				database.down();
				Thread.sleep(15_000);
				database.up();
				return "PostgreSQL away 15 s";
			}));
		}
	}

	@Test
	@EnabledIfSystemProperty(named = PostgresDatabase.URL_PROPERTY, matches = ".+",
			disabledReason = "no PostgreSQL server answered at 127.0.0.1:5432")
	void nodeKilledMidSendInAClusterIsTakenOverWhenItsLocksExpire(@TempDir Path directory) throws Exception {
		// The delivery is paused while the second node boots and resumed once it is up,
		// so
		// that the kill comes in the middle of the send however long the boot takes.
		withDatabase((database) -> run(directory, "cluster-kill",
				concat(postgres(5432, database), "--delivery.sending.rate-limit=200"), (sending) -> {
					String[] survivorArguments = new String[sending.arguments.length];
					for (int i = 0; i < survivorArguments.length; i++) {
						survivorArguments[i] = sending.arguments[i].replace("--delivery.node-name=node-a",
								"--delivery.node-name=node-b");
					}
					post(sending.port, "/api/deliveries/" + sending.deliveryId + "/pause", "starter", null);
					Path survivorDirectory = Files.createDirectories(directory.resolve("node-b"));
					ApplicationProcess survivor = ApplicationProcess.start(sending.log, survivorDirectory.toFile(),
							ApplicationProcess.freePort(), survivorArguments);
					survivor.awaitPortOpen(Duration.ofMinutes(2));
					int atResume = sending.greenMail.getReceivedMessages().length;
					post(sending.port, "/api/deliveries/" + sending.deliveryId + "/resume", "starter", null);
					awaitReceived(sending.greenMail, atResume + LANES * BATCH, Duration.ofMinutes(1));
					sending.application.kill();
					long killedAt = System.nanoTime();
					int before = sending.greenMail.getReceivedMessages().length;
					// the survivor answers for the cluster from now on
					sending.application = survivor;
					sending.port = survivor.port();
					assertThat(before).as("killed in the middle").isLessThan(RECIPIENTS * 3 / 4);
					awaitReceived(sending.greenMail, RECIPIENTS, Duration.ofMinutes(4));
					return String.format(Locale.ROOT,
							"node-a killed at %,d received, node-b relayed the rest; all reached the MTA %,d ms after the kill",
							before, Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
				}));
	}

	/** kill -9, then the same node again: same directory, same port. */
	private String killAndRestart(Sending sending) throws Exception {
		sending.application.kill();
		long killedAt = System.nanoTime();
		int before = sending.greenMail.getReceivedMessages().length;
		sending.application = ApplicationProcess.start(sending.log, sending.directory, sending.port, sending.arguments);
		sending.application.awaitPortOpen(Duration.ofMinutes(2));
		long restartedAt = System.nanoTime();
		awaitReceived(sending.greenMail, before + 1, Duration.ofMinutes(2));
		Duration resumed = Duration.ofNanos(System.nanoTime() - restartedAt);
		assertThat(resumed).as("the send resumes after the restart").isLessThan(Duration.ofMinutes(1));
		return String.format(Locale.ROOT,
				"kill -9 at %,d received; resumed %,d ms after the port opened (%,d ms after the kill)", before,
				resumed.toMillis(), Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
	}

	private void run(Path directory, String name, List<String> database, Fault fault) throws Exception {
		GreenMail greenMail = new GreenMail(new ServerSetup(ApplicationProcess.freePort(), "127.0.0.1", "smtp"));
		greenMail.start();
		Path log = Files.createDirectories(Path.of("target", "application-process")).resolve("fault-" + name + ".log");
		Files.deleteIfExists(log);
		try (TcpProxy mta = new TcpProxy("127.0.0.1", greenMail.getSmtp().getPort())) {
			List<String> arguments = new ArrayList<>(
					List.of("--delivery.node-name=node-a", "--delivery.mta.sandbox.enabled=false",
							"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mta.port(),
							"--delivery.sending.lanes=" + LANES, "--delivery.sending.batch-size=" + BATCH,
							"--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS));
			arguments.addAll(database);
			Sending sending = new Sending(greenMail, mta, log, directory.toFile(), ApplicationProcess.freePort(),
					arguments.toArray(String[]::new));
			sending.application = ApplicationProcess.start(log, sending.directory, sending.port, sending.arguments);
			try {
				sending.application.awaitPortOpen(Duration.ofMinutes(2));
				String id = createAndConfirm(sending.port);
				sending.deliveryId = id;
				awaitReceived(greenMail, RECIPIENTS / 4, Duration.ofMinutes(2));
				long faultAt = System.nanoTime();
				String what = fault.inject(sending);
				awaitStatus(sending.port, id, "SENT", Duration.ofMinutes(4));
				what += String.format(Locale.ROOT, "; SENT %,d ms after the fault began",
						Duration.ofNanos(System.nanoTime() - faultAt).toMillis());

				Map<String, Integer> copies = new HashMap<>();
				for (MimeMessage message : greenMail.getReceivedMessages()) {
					copies.merge(recipient(message), 1, Integer::sum);
				}
				int duplicates = greenMail.getReceivedMessages().length - copies.size();
				System.out.printf(Locale.ROOT, "Fault %s: %s; %,d of %,d recipients reached the MTA, %,d twice%n", name,
						what, copies.size(), RECIPIENTS, duplicates);
				assertThat(copies).as("every recipient reached the MTA").hasSize(RECIPIENTS);
				assertThat(duplicates).as("sent twice: at most the messages in flight")
					.isLessThanOrEqualTo(LANES * BATCH);

				JsonNode kpis = get(sending.port, "/api/deliveries/" + id).get("kpis");
				JsonNode recount = post(sending.port, "/api/deliveries/" + id + "/compute-stats", "preparer", null);
				for (String counter : List.of("toDeliver", "sent", "delivered", "bouncesAndErrors")) {
					assertThat(kpis.get(counter).asInt()).as(counter + " equals Compute stats")
						.isEqualTo(recount.get(counter).asInt());
				}
				assertThat(recount.get("sent").asInt()).isEqualTo(RECIPIENTS);
			}
			finally {
				sending.application.close();
			}
		}
		finally {
			greenMail.stop();
		}
	}

	private static List<String> concat(List<String> arguments, String... more) {
		List<String> all = new ArrayList<>(arguments);
		all.addAll(List.of(more));
		return all;
	}

	private static List<String> postgres(int port, String database) {
		return List.of("--spring.profiles.active=postgres",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/" + database);
	}

	/** A database of its own, dropped afterwards. */
	private static void withDatabase(DatabaseWork work) throws Exception {
		String database = "campaign_delivery_fault_" + UUID.randomUUID().toString().substring(0, 8);
		try (Connection admin = postgresAdmin(); Statement statement = admin.createStatement()) {
			statement.execute("create database " + database);
		}
		try {
			work.run(database);
		}
		finally {
			try (Connection admin = postgresAdmin(); Statement statement = admin.createStatement()) {
				statement.execute("drop database if exists " + database + " with (force)");
			}
		}
	}

	private interface DatabaseWork {

		void run(String database) throws Exception;

	}

	/** Does the damage while the delivery sends; says what it did. */
	private interface Fault {

		String inject(Sending sending) throws Exception;

	}

	/** The application relaying, and what stands around it. */
	private static final class Sending {

		final GreenMail greenMail;

		final TcpProxy mta;

		final Path log;

		final File directory;

		int port;

		String deliveryId;

		final String[] arguments;

		ApplicationProcess application;

		Sending(GreenMail greenMail, TcpProxy mta, Path log, File directory, int port, String[] arguments) {
			this.greenMail = greenMail;
			this.mta = mta;
			this.log = log;
			this.directory = directory;
			this.port = port;
			this.arguments = arguments;
		}

	}

	private String createAndConfirm(int port) throws IOException, InterruptedException {
		StringBuilder csv = new StringBuilder("email,firstName\n");
		for (int i = 0; i < RECIPIENTS; i++) {
			csv.append("crash-").append(i).append("@example.com,Reader").append(i).append('\n');
		}
		HttpResponse<String> audience = this.http
			.send(request(port, "/api/audiences?name=crash", "preparer").header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(audience.statusCode()).as(audience.body()).isEqualTo(201);
		Map<String, Object> body = Map.of("label", "Crash", "from", "news@example.com", "subject",
				"Hello {{firstName}}", "html",
				"<p>Hello {{firstName}}</p><a href=\"https://example.com/u\">Unsubscribe</a>", "audienceId",
				this.json.readTree(audience.body()).get("id").asText(), "approvalMode", "AUTOMATIC");
		String id = post(port, "/api/deliveries", "preparer", body).get("id").asText();
		awaitStatus(port, id, "AWAITING_CONFIRMATION", Duration.ofMinutes(1));
		post(port, "/api/deliveries/" + id + "/confirmation", "starter", Map.of("confirmed", true));
		return id;
	}

	private void awaitStatus(int port, String id, String status, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(get(port, "/api/deliveries/" + id).get("status").asText())
				.as("the status of delivery " + id)
				.isEqualTo(status));
	}

	private static void awaitReceived(GreenMail mta, int count, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(mta.getReceivedMessages().length).as("messages that reached the MTA")
				.isGreaterThanOrEqualTo(count));
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString().toLowerCase(Locale.ROOT);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request(port, path, "preparer").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private JsonNode post(int port, String path, String user, Object body) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(request(port, path, user).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString((body == null) ? "" : this.json.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return response.body().isEmpty() ? this.json.nullNode() : this.json.readTree(response.body());
	}

	private static HttpRequest.Builder request(int port, String path, String user) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
	}

	private static Connection postgresAdmin() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
	}

}
