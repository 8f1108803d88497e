package org.campaigndelivery.audience;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AudienceRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	AudienceRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	void insertAudience(String id, String name, String createdBy, OffsetDateTime at) {
		this.jdbc.sql("insert into audience (id, name, created_by, created_at) values (:id, :name, :createdBy, :at)")
			.param("id", id)
			.param("name", name)
			.param("createdBy", createdBy)
			.param("at", at)
			.update();
	}

	void insertMembers(String audienceId, List<Member> members) {
		this.jdbcTemplate.batchUpdate(
				"""
						insert into audience_member (audience_id, line_no, address, address_state, first_name, last_name, attributes)
						values (?, ?, ?, ?, ?, ?, ?)
						""",
				members, 1000, (PreparedStatement ps, Member m) -> bind(ps, audienceId, m));
	}

	boolean exists(String audienceId) {
		return this.jdbc.sql("select count(*) from audience where id = :id")
			.param("id", audienceId)
			.query(Integer.class)
			.single() > 0;
	}

	private static void bind(PreparedStatement ps, String audienceId, Member m) throws SQLException {
		ps.setString(1, audienceId);
		ps.setInt(2, m.lineNo());
		ps.setString(3, m.address());
		ps.setString(4, m.state().name());
		ps.setString(5, m.firstName());
		ps.setString(6, m.lastName());
		if (m.attributesJson() == null) {
			ps.setNull(7, Types.VARCHAR);
		}
		else {
			ps.setString(7, m.attributesJson());
		}
	}

	record Member(int lineNo, String address, AddressState state, String firstName, String lastName,
			String attributesJson) {
	}

}
