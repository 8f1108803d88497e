package org.campaigndelivery.security;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every statement on the API tokens. */
@Repository
class ApiTokenRepository {

	private final JdbcClient jdbc;

	ApiTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ApiToken token, String hash) {
		this.jdbc.sql("""
				insert into api_token (id, user_id, name, token_hash, created_by, created_at)
				values (:id, :user, :name, :hash, :createdBy, :createdAt)""")
			.param("id", token.id())
			.param("user", token.user())
			.param("name", token.name())
			.param("hash", hash)
			.param("createdBy", token.createdBy())
			.param("createdAt", token.createdAt())
			.update();
	}

	/** The user a token not revoked stands for. */
	Optional<String> userOf(String hash) {
		return this.jdbc.sql("select user_id from api_token where token_hash = :hash and revoked_at is null")
			.param("hash", hash)
			.query(String.class)
			.optional();
	}

	List<ApiToken> list() {
		return this.jdbc.sql("""
				select id, user_id, name, created_by, created_at, revoked_at from api_token
				order by created_at desc, id""")
			.query((rs, row) -> new ApiToken(rs.getString("id"), rs.getString("user_id"), rs.getString("name"),
					rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
					rs.getObject("revoked_at", OffsetDateTime.class)))
			.list();
	}

	/**
	 * @return false when no such token is left to revoke
	 */
	boolean revoke(String id, OffsetDateTime at) {
		return this.jdbc.sql("update api_token set revoked_at = :at where id = :id and revoked_at is null")
			.param("at", at)
			.param("id", id)
			.update() == 1;
	}

}
