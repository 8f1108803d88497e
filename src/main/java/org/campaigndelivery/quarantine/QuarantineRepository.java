package org.campaigndelivery.quarantine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class QuarantineRepository {

	private final JdbcClient jdbc;

	QuarantineRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Locks the address's row, inserting a Valid one first when it has none. */
	QuarantinedAddress lock(String address, OffsetDateTime at) {
		Optional<QuarantinedAddress> row = selectForUpdate(address);
		if (row.isPresent()) {
			return row.get();
		}
		try {
			this.jdbc.sql("""
					insert into quarantine (address, status, error_count, updated_at)
					values (:address, 'VALID', 0, :at)
					""").param("address", address).param("at", at).update();
		}
		catch (DuplicateKeyException ex) {
			// inserted meanwhile by another transaction: lock that one
		}
		return selectForUpdate(address).orElseThrow();
	}

	void quarantine(String address, String reason, OffsetDateTime at) {
		this.jdbc.sql("""
				update quarantine set status = 'QUARANTINE', reason = :reason, updated_at = :at
				where address = :address and status in ('VALID', 'ERRONEOUS')
				""").param("reason", reason).param("at", at).param("address", address).update();
	}

	void countSoftError(String address, int errorCount, boolean quarantined, String reason, OffsetDateTime at) {
		this.jdbc.sql("""
				update quarantine set error_count = :count, last_error_at = :at, reason = :reason,
				  status = :status, updated_at = :at
				where address = :address and status in ('VALID', 'ERRONEOUS')
				""")
			.param("count", errorCount)
			.param("at", at)
			.param("reason", reason)
			.param("status", quarantined ? "QUARANTINE" : "ERRONEOUS")
			.param("address", address)
			.update();
	}

	void denylist(String address, OffsetDateTime at) {
		this.jdbc
			.sql("""
					update quarantine set status = 'DENYLIST', reason = 'COMPLAINT', updated_at = :at where address = :address
					""")
			.param("at", at)
			.param("address", address)
			.update();
	}

	void markValidAfterSuccess(String address, OffsetDateTime at) {
		this.jdbc.sql("""
				update quarantine set status = 'VALID', error_count = 0, reason = null, updated_at = :at
				where address = :address and status = 'ERRONEOUS'
				""").param("at", at).param("address", address).update();
	}

	/**
	 * An administrator's decision: back to Valid (errors forgotten) or on the allowlist.
	 */
	void set(String address, AddressStatus status, OffsetDateTime at) {
		this.jdbc.sql("""
				update quarantine set status = :status, error_count = 0, last_error_at = null, reason = null,
				  updated_at = :at
				where address = :address
				""").param("status", status.name()).param("at", at).param("address", address).update();
	}

	Optional<QuarantinedAddress> find(String address) {
		return this.jdbc.sql("select * from quarantine where address = :address")
			.param("address", address)
			.query(QuarantineRepository::row)
			.optional();
	}

	List<QuarantinedAddress> list(AddressStatus status, int offset, int limit) {
		String where = status == null ? "" : "where status = :status ";
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("select * from quarantine " + where
					+ "order by address offset :offset rows fetch next :limit rows only")
			.param("offset", offset)
			.param("limit", limit);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		return statement.query(QuarantineRepository::row).list();
	}

	private Optional<QuarantinedAddress> selectForUpdate(String address) {
		return this.jdbc.sql("select * from quarantine where address = :address for update")
			.param("address", address)
			.query(QuarantineRepository::row)
			.optional();
	}

	private static QuarantinedAddress row(ResultSet rs, int row) throws SQLException {
		return new QuarantinedAddress(rs.getString("address"), AddressStatus.valueOf(rs.getString("status")),
				rs.getInt("error_count"), rs.getObject("last_error_at", OffsetDateTime.class), rs.getString("reason"),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

}
