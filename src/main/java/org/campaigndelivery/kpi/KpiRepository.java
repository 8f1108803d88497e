package org.campaigndelivery.kpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class KpiRepository {

	private final JdbcClient jdbc;

	KpiRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String deliveryId) {
		this.jdbc.sql("insert into delivery_kpi (delivery_id) values (:id)").param("id", deliveryId).update();
	}

	void setToDeliver(String deliveryId, int toDeliver) {
		this.jdbc.sql("update delivery_kpi set to_deliver = :n where delivery_id = :id")
			.param("n", toDeliver)
			.param("id", deliveryId)
			.update();
	}

	void add(String deliveryId, int relayed, int delivered, int failed) {
		this.jdbc.sql("""
				update delivery_kpi
				set processed = processed + :relayed, sent = sent + :relayed, delivered = delivered + :delivered,
				  failed = failed + :failed
				where delivery_id = :id
				""")
			.param("relayed", relayed)
			.param("delivered", delivered)
			.param("failed", failed)
			.param("id", deliveryId)
			.update();
	}

	Optional<Kpis> find(String deliveryId) {
		return this.jdbc.sql("select * from delivery_kpi where delivery_id = :id")
			.param("id", deliveryId)
			.query(KpiRepository::kpis)
			.optional();
	}

	/**
	 * Recounts every counter from the sending logs and stores the result as computed at
	 * that time. Both queries read the state index only: logs by status, and the logs
	 * still queued for their first relay (sent = relayed at least once), which are
	 * PENDING.
	 */
	void recount(String deliveryId, OffsetDateTime at) {
		Map<String, Integer> byStatus = new HashMap<>();
		this.jdbc.sql("select status, count(*) from sending_log where delivery_id = :id group by status")
			.param("id", deliveryId)
			.query(rs -> {
				byStatus.put(rs.getString(1), rs.getInt(2));
			});
		int queued = this.jdbc.sql("""
				select count(*) from sending_log
				where delivery_id = :id and status = 'PENDING' and relay_state = 'QUEUED'
				""").param("id", deliveryId).query(Integer.class).single();
		int toDeliver = byStatus.values().stream().mapToInt(Integer::intValue).sum();
		Kpis counted = new Kpis(toDeliver, toDeliver - queued, toDeliver - queued, byStatus.getOrDefault("SENT", 0),
				byStatus.getOrDefault("FAILED", 0), 0, 0, at);
		this.jdbc
			.sql("""
					update delivery_kpi set to_deliver = :toDeliver, processed = :sent, sent = :sent, delivered = :delivered,
					  failed = :failed, computed_at = :at
					where delivery_id = :id
					""")
			.param("toDeliver", counted.toDeliver())
			.param("sent", counted.sent())
			.param("delivered", counted.delivered())
			.param("failed", counted.failed())
			.param("at", at)
			.param("id", deliveryId)
			.update();
	}

	private static Kpis kpis(ResultSet rs, int row) throws SQLException {
		return new Kpis(rs.getInt("to_deliver"), rs.getInt("processed"), rs.getInt("sent"), rs.getInt("delivered"),
				rs.getInt("failed"), rs.getInt("opens"), rs.getInt("clicks"),
				rs.getObject("computed_at", OffsetDateTime.class));
	}

}
