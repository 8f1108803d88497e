package org.campaigndelivery.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Calls the running application over HTTP as one of the demo users (password = user id).
 */
public final class Api {

	private final TestRestTemplate rest;

	private final ObjectMapper objectMapper;

	private final String user;

	/** An API token sent instead of the user's password, or null. */
	private final String token;

	public Api(TestRestTemplate rest, ObjectMapper objectMapper, String user) {
		this(rest, objectMapper, user, null);
	}

	private Api(TestRestTemplate rest, ObjectMapper objectMapper, String user, String token) {
		this.rest = rest;
		this.objectMapper = objectMapper;
		this.user = user;
		this.token = token;
	}

	public Api as(String otherUser) {
		return new Api(this.rest, this.objectMapper, otherUser);
	}

	/** Calls as a machine client does: with a bearer API token. */
	public Api withToken(String apiToken) {
		return new Api(this.rest, this.objectMapper, null, apiToken);
	}

	public Response get(String path) {
		return exchange(HttpMethod.GET, path, null, null);
	}

	public Response post(String path, Object body) {
		return exchange(HttpMethod.POST, path, body, MediaType.APPLICATION_JSON);
	}

	public Response put(String path, Object body) {
		return exchange(HttpMethod.PUT, path, body, MediaType.APPLICATION_JSON);
	}

	public Response delete(String path) {
		return exchange(HttpMethod.DELETE, path, null, null);
	}

	/** Posts a raw body with the given content type, for malformed requests. */
	public Response postRaw(String path, String body, MediaType contentType) {
		return exchange(HttpMethod.POST, path, body, contentType);
	}

	private Response exchange(HttpMethod method, String path, Object body, MediaType contentType) {
		HttpHeaders headers = new HttpHeaders();
		if (contentType != null) {
			headers.setContentType(contentType);
		}
		if (this.token != null) {
			headers.setBearerAuth(this.token);
		}
		else if (this.user != null) {
			headers.setBasicAuth(this.user, this.user);
		}
		try {
			Object payload = body instanceof String || body == null ? body : this.objectMapper.writeValueAsString(body);
			ResponseEntity<String> response = this.rest.exchange(path, method, new HttpEntity<>(payload, headers),
					String.class);
			String text = response.getBody();
			JsonNode json = text == null || text.isBlank() ? this.objectMapper.nullNode()
					: this.objectMapper.readTree(text);
			return new Response(response.getStatusCode(), response.getHeaders(), json, text);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("Response to " + method + " " + path + " is not JSON", ex);
		}
	}

	public record Response(HttpStatusCode status, HttpHeaders headers, JsonNode json, String text) {

		public int code() {
			return this.status.value();
		}

	}

}
