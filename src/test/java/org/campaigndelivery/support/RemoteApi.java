package org.campaigndelivery.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP API of an application running in a JVM of its own
 * ({@link ApplicationProcess}), called as one of the demo users (password = user name),
 * as a client outside would.
 */
public final class RemoteApi {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final int port;

	private final String user;

	public RemoteApi(int port, String user) {
		this.port = port;
		this.user = user;
	}

	public RemoteApi as(String otherUser) {
		return new RemoteApi(this.port, otherUser);
	}

	public Answer get(String path) {
		return send(request(path).GET());
	}

	public Answer post(String path, Object body) {
		try {
			return send(request(path).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString((body == null) ? "" : JSON.writeValueAsString(body))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Answer post(String path, String body, String contentType) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((this.user + ":" + this.user).getBytes(StandardCharsets.UTF_8)));
	}

	private static Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An answer: its status code and body. */
	public record Answer(int code, String text) {

		public JsonNode json() {
			try {
				return JSON.readTree(this.text);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
