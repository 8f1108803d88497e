package org.campaigndelivery.security;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "API tokens")
class ApiTokenController {

	private final ApiTokens tokens;

	private final RequestBinder binder;

	ApiTokenController(ApiTokens tokens, RequestBinder binder) {
		this.tokens = tokens;
		this.binder = binder;
	}

	@PostMapping(path = "/api/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createApiToken", summary = "Make an API token",
			description = "A token acting as the user, for a machine client (the MTA feed, an external system): "
					+ "the engine never delays it after wrong passwords, and it is revoked on its own. The token is "
					+ "in this answer only.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = TokenRequest.class),
							examples = @ExampleObject(name = "mta", summary = "For the MTA feed",
									value = "{\"user\": \"mta\", \"name\": \"Postfix feed\"}"))))
	@ApiResponse(responseCode = "201", description = "Made; send it as Authorization: Bearer.",
			useReturnTypeSchema = true,
			headers = @Header(name = "Location", description = "The token: /api/tokens/{id}",
					schema = @Schema(type = "string", format = "uri-reference")))
	ResponseEntity<CreatedToken> create(@RequestBody JsonNode body, CurrentUser user) {
		TokenRequest request = this.binder.read(body, TokenRequest.class);
		ApiTokens.Created created = this.tokens.create(request.user(), request.name(), user);
		return ResponseEntity.created(URI.create("/api/tokens/" + created.token().id()))
			.body(new CreatedToken(created.token().id(), created.token().user(), created.token().name(),
					created.secret(), created.token().createdAt()));
	}

	@GetMapping("/api/tokens")
	@Operation(operationId = "listApiTokens", summary = "List API tokens",
			description = "Newest first, revoked ones too; never the tokens themselves.")
	List<ApiToken> list(CurrentUser user) {
		return this.tokens.list();
	}

	@DeleteMapping("/api/tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "revokeApiToken", summary = "Revoke an API token",
			description = "At once: the next request with it is refused.")
	@ApiResponse(responseCode = "204", description = "Revoked.")
	@ApiResponse(responseCode = "404", description = "No token with this id is left to revoke.")
	void revoke(@PathVariable String id, CurrentUser user) {
		this.tokens.revoke(id);
	}

	/** The user a token acts for, and a name saying what it is for. */
	@Schema(name = "ApiTokenRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record TokenRequest(
			@Schema(description = "An existing user the token acts as.", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "mta") String user,
			@Schema(description = "What it is for; by default \"token for\" and the user.", maxLength = 200,
					example = "Postfix feed") String name) {
	}

	/**
	 * @param token the token itself, shown this once
	 */
	record CreatedToken(String id, String user, String name, String token, OffsetDateTime createdAt) {
	}

}
