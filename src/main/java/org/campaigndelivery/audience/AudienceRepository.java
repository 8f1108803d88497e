package org.campaigndelivery.audience;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.Pages;
import org.campaigndelivery.database.TableStatistics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AudienceRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TableStatistics statistics;

	AudienceRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TableStatistics statistics) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.statistics = statistics;
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
		this.jdbcTemplate.batchUpdate("""
				insert into audience_member (audience_id, line_no, address, address_key, address_state, first_name,
				  last_name, attributes)
				values (?, ?, ?, lower(?), ?, ?, ?, ?)
				""", members, 1000, (PreparedStatement ps, Member m) -> bind(ps, audienceId, m));
	}

	/** The import is over: the planner learns how large the audience table now is. */
	void imported(int members) {
		this.statistics.refreshAfterLoad("audience_member", members);
	}

	void insertRejections(String audienceId, List<Rejection> rejections) {
		this.jdbcTemplate.batchUpdate("insert into audience_rejection (audience_id, line_no, reason) values (?, ?, ?)",
				rejections, 1000, (PreparedStatement ps, Rejection r) -> {
					ps.setString(1, audienceId);
					ps.setInt(2, r.line());
					ps.setString(3, r.reason().length() > 300 ? r.reason().substring(0, 300) : r.reason());
				});
	}

	List<Rejection> rejections(String audienceId, Paging paging) {
		return Pages.page(this.jdbc, """
				select line_no, reason from audience_rejection where audience_id = :id
				order by line_no""", paging)
			.param("id", audienceId)
			.query((rs, row) -> new Rejection(rs.getInt(1), rs.getString(2)))
			.list();
	}

	Optional<AudienceSummary> summary(String audienceId) {
		return this.jdbc.sql("""
				select a.id, a.name, a.created_by, a.created_at, a.members_purged_at,
				  (select count(*) from audience_member m where m.audience_id = a.id) as members,
				  (select count(*) from audience_rejection r where r.audience_id = a.id) as rejected
				from audience a where a.id = :id
				""")
			.param("id", audienceId)
			.query((rs, row) -> new AudienceSummary(rs.getString("id"), rs.getString("name"), rs.getInt("members"),
					rs.getInt("rejected"), rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
					rs.getObject("members_purged_at", OffsetDateTime.class)))
			.optional();
	}

	/**
	 * Deletes the audience's first recipients and rejected lines, up to the limit.
	 * @return how many
	 */
	int purgeMembers(String audienceId, int limit) {
		int members = this.jdbc.sql("""
				delete from audience_member where id in
				  (select id from audience_member where audience_id = :id limit %d)
				""".formatted(limit)).param("id", audienceId).update();
		if (members == limit) {
			return members;
		}
		return members + this.jdbc.sql("""
				delete from audience_rejection where id in
				  (select id from audience_rejection where audience_id = :id limit %d)
				""".formatted(limit - members)).param("id", audienceId).update();
	}

	boolean markMembersPurged(String audienceId, OffsetDateTime at) {
		return this.jdbc.sql("update audience set members_purged_at = :at where id = :id and members_purged_at is null")
			.param("at", at)
			.param("id", audienceId)
			.update() == 1;
	}

	private static void bind(PreparedStatement ps, String audienceId, Member m) throws SQLException {
		ps.setString(1, audienceId);
		ps.setInt(2, m.lineNo());
		ps.setString(3, m.address());
		ps.setString(4, m.address());
		ps.setString(5, m.state().name());
		ps.setString(6, m.firstName());
		ps.setString(7, m.lastName());
		if (m.attributesJson() == null) {
			ps.setNull(8, Types.VARCHAR);
		}
		else {
			ps.setString(8, m.attributesJson());
		}
	}

	/** A line of an audience file that could not be read. */
	public record Rejection(int line, String reason) {
	}

	record Member(int lineNo, String address, AddressState state, String firstName, String lastName,
			String attributesJson) {
	}

}
