package org.campaigndelivery.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.campaigndelivery.support.ApplicationProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application started as a user starts it, in a JVM of its own on a fresh H2 file:
 * the first request after the port opens already logs in.
 */
class StartupLoginTests {

	@Test
	void demoUsersLogInTheMomentThePortOpens(@TempDir Path directory) throws Exception {
		Path log = Files.createDirectories(Path.of("target", "application-process")).resolve("startup.log");
		try (ApplicationProcess application = ApplicationProcess.start(log,
				"--spring.datasource.url=jdbc:h2:file:" + directory.resolve("cd").toAbsolutePath())) {
			application.awaitPortOpen(Duration.ofMinutes(2));
			HttpClient client = HttpClient.newHttpClient();
			HttpResponse<String> first = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + "/api/me"))
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString("starter:starter".getBytes(StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
			assertThat(first.body()).contains("\"starter\"").contains("delivery-starters");
			HttpResponse<String> approverCall = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + "/api/deliveries"))
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString("approver:approver".getBytes(StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(approverCall.statusCode()).isEqualTo(200);
		}
	}

}
