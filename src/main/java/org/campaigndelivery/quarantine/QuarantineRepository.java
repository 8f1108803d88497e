package org.campaigndelivery.quarantine;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.InLists;
import org.campaigndelivery.database.Pages;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class QuarantineRepository {

	private static final String COLUMNS = "status, error_count, last_error_at, reason, updated_at, address";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	QuarantineRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Locks the rows of these addresses; an address without a row is absent from the
	 * answer.
	 */
	Map<String, QuarantinedAddress> lockAll(Collection<String> addresses) {
		Map<String, QuarantinedAddress> rows = new HashMap<>();
		this.jdbc
			.sql("select * from quarantine where address in " + InLists.strings(addresses)
					+ " order by address for update")
			.query(QuarantineRepository::row)
			.list()
			.forEach(row -> rows.put(row.address(), row));
		return rows;
	}

	/**
	 * Inserts new rows; an address inserted meanwhile by another transaction fails the
	 * batch (it is retried).
	 */
	void insertAll(List<QuarantinedAddress> rows) {
		this.jdbcTemplate.batchUpdate("insert into quarantine (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?)", rows, 500,
				this::bind);
	}

	void updateAll(List<QuarantinedAddress> rows) {
		this.jdbcTemplate.batchUpdate("""
				update quarantine set status = ?, error_count = ?, last_error_at = ?, reason = ?, updated_at = ?
				where address = ?
				""", rows, 500, this::bind);
	}

	Optional<QuarantinedAddress> find(String address) {
		return this.jdbc.sql("select * from quarantine where address = :address")
			.param("address", address)
			.query(QuarantineRepository::row)
			.optional();
	}

	List<QuarantinedAddress> list(AddressStatus status, Paging paging) {
		String where = status == null ? "" : "where status = :status ";
		JdbcClient.StatementSpec statement = Pages.page(this.jdbc,
				"select * from quarantine " + where + "order by address", paging);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		return statement.query(QuarantineRepository::row).list();
	}

	private void bind(PreparedStatement ps, QuarantinedAddress a) throws SQLException {
		ps.setString(1, a.status().name());
		ps.setInt(2, a.errorCount());
		ps.setObject(3, a.lastErrorAt());
		ps.setString(4, a.reason());
		ps.setObject(5, a.updatedAt() == null ? OffsetDateTime.now(this.clock) : a.updatedAt());
		ps.setString(6, a.address());
	}

	private static QuarantinedAddress row(ResultSet rs, int row) throws SQLException {
		return new QuarantinedAddress(rs.getString("address"), AddressStatus.valueOf(rs.getString("status")),
				rs.getInt("error_count"), rs.getObject("last_error_at", OffsetDateTime.class), rs.getString("reason"),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

}
