package org.campaigndelivery.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.RequestBinder;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins make, list and revoke the machine clients' API tokens. */
@RestController
class ApiTokenController {

	private final ApiTokens tokens;

	private final RequestBinder binder;

	ApiTokenController(ApiTokens tokens, RequestBinder binder) {
		this.tokens = tokens;
		this.binder = binder;
	}

	@PostMapping(path = "/api/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, CurrentUser user) {
		TokenRequest request = this.binder.read(body, TokenRequest.class);
		ApiTokens.Created created = this.tokens.create(request.user(), request.name(), user);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", created.token().id());
		answer.put("user", created.token().user());
		answer.put("name", created.token().name());
		answer.put("token", created.secret());
		answer.put("createdAt", created.token().createdAt());
		return ResponseEntity.created(URI.create("/api/tokens/" + created.token().id())).body(answer);
	}

	@GetMapping("/api/tokens")
	List<ApiToken> list(CurrentUser user) {
		return this.tokens.list();
	}

	@DeleteMapping("/api/tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable String id, CurrentUser user) {
		this.tokens.revoke(id);
	}

	/** The user a token acts for, and a name saying what it is for. */
	record TokenRequest(String user, String name) {
	}

}
