package org.campaigndelivery.kpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.campaigndelivery.sendinglog.LogCounts;
import org.campaigndelivery.tracking.Engagement;

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

	void add(String deliveryId, int relayed, int delivered, int failed, int hardBounced) {
		this.jdbc.sql("""
				update delivery_kpi
				set processed = processed + :relayed, sent = sent + :relayed, delivered = delivered + :delivered,
				  failed = failed + :failed, hard_bounces = hard_bounces + :hardBounced
				where delivery_id = :id
				""")
			.param("relayed", relayed)
			.param("delivered", delivered)
			.param("failed", failed)
			.param("hardBounced", hardBounced)
			.param("id", deliveryId)
			.update();
	}

	void addComplaints(String deliveryId, int complaints) {
		this.jdbc.sql("update delivery_kpi set complaints = complaints + :n where delivery_id = :id")
			.param("n", complaints)
			.param("id", deliveryId)
			.update();
	}

	Optional<Kpis> find(String deliveryId) {
		return this.jdbc.sql("select * from delivery_kpi where delivery_id = :id")
			.param("id", deliveryId)
			.query(KpiRepository::kpis)
			.optional();
	}

	void lock(String deliveryId) {
		this.jdbc.sql("select delivery_id from delivery_kpi where delivery_id = :id for update")
			.param("id", deliveryId)
			.query(String.class)
			.optional();
	}

	/** Stores the counters as recounted from the sending logs at that time. */
	void store(String deliveryId, LogCounts counts, OffsetDateTime at) {
		int sent = counts.logs() - counts.queued();
		this.jdbc
			.sql("""
					update delivery_kpi set to_deliver = :toDeliver, processed = :sent, sent = :sent, delivered = :delivered,
					  failed = :failed, hard_bounces = :hardBounces, complaints = :complaints, computed_at = :at
					where delivery_id = :id
					""")
			.param("toDeliver", counts.logs())
			.param("sent", sent)
			.param("delivered", counts.sent())
			.param("failed", counts.failed())
			.param("hardBounces", counts.hardBounces())
			.param("complaints", counts.complaints())
			.param("at", at)
			.param("id", deliveryId)
			.update();
	}

	/** Opens and clicks move only here: the tracking logs are counted, never added to. */
	void storeEngagement(String deliveryId, Engagement engagement) {
		this.jdbc.sql("update delivery_kpi set opens = :opens, clicks = :clicks where delivery_id = :id")
			.param("opens", engagement.opens())
			.param("clicks", engagement.clicks())
			.param("id", deliveryId)
			.update();
	}

	private static Kpis kpis(ResultSet rs, int row) throws SQLException {
		return new Kpis(rs.getInt("to_deliver"), rs.getInt("processed"), rs.getInt("sent"), rs.getInt("delivered"),
				rs.getInt("failed"), rs.getInt("opens"), rs.getInt("clicks"), rs.getInt("hard_bounces"),
				rs.getInt("complaints"), rs.getObject("computed_at", OffsetDateTime.class));
	}

}
