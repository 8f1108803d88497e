package org.campaigndelivery.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.InvalidRequestException;

import org.springframework.stereotype.Service;

/**
 * Revocable API tokens for machine clients. A token is 256 random bits: guessing one is
 * hopeless, so a wrong token costs nothing but a 401, and unlike a password it never
 * delays the logins of the user it acts as (which would let anyone silence the MTA feed
 * by sending wrong passwords for `mta`).
 */
@Service
class ApiTokens {

	static final String PREFIX = "cdt_";

	private final SecureRandom random = new SecureRandom();

	private final ApiTokenRepository repository;

	private final IdentityService identityService;

	private final Clock clock;

	ApiTokens(ApiTokenRepository repository, IdentityService identityService, Clock clock) {
		this.clock = clock;
		this.repository = repository;
		this.identityService = identityService;
	}

	/** Makes a token acting as the user; the token is in the answer and nowhere else. */
	Created create(String user, String name, CurrentUser creator) {
		if (user == null || user.isBlank() || this.identityService.createUserQuery().userId(user.trim()).count() == 0) {
			throw new InvalidRequestException("user", "must name an existing user");
		}
		String label = (name == null || name.isBlank()) ? "token for " + user.trim() : name.trim();
		if (label.length() > 200) {
			throw new InvalidRequestException("name", "must be at most 200 characters");
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		ApiToken made = new ApiToken(UUID.randomUUID().toString(), user.trim(), label, creator.id(),
				OffsetDateTime.now(this.clock), null);
		this.repository.insert(made, hash(token));
		return new Created(made, token);
	}

	List<ApiToken> list() {
		return this.repository.list();
	}

	void revoke(String id) {
		if (!this.repository.revoke(id, OffsetDateTime.now(this.clock))) {
			throw ApiException.notFound("No API token " + id + " is left to revoke.");
		}
	}

	/** The user a presented token acts as; empty for a token unknown or revoked. */
	Optional<String> userOf(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		return this.repository.userOf(hash(token));
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	record Created(ApiToken token, String secret) {
	}

}
