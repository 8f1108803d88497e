package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.campaigndelivery.database.MonthlyPartitions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which month partition holds a delivery's logs (PostgreSQL), as a condition a statement
 * adds to its own: every log of a delivery was queued at the same time. Without it, a
 * statement about one delivery looks for its logs in every month kept for the retention
 * period; with it, PostgreSQL opens that month alone.
 */
@Component
class LogMonths {

	private final JdbcClient jdbc;

	private final MonthlyPartitions partitions;

	LogMonths(JdbcClient jdbc, MonthlyPartitions partitions) {
		this.jdbc = jdbc;
		this.partitions = partitions;
	}

	/**
	 * " and queued_at ..." naming the delivery's month; empty where logs have no months
	 * (H2) or the delivery has no logs yet.
	 */
	String of(String deliveryId) {
		if (!this.partitions.enabled()) {
			return "";
		}
		return this.jdbc.sql("select logs_queued_at from delivery where id = :id")
			.param("id", deliveryId)
			.query((rs, row) -> " and queued_at " + queuedIs(rs.getObject(1, OffsetDateTime.class)))
			.optional()
			.orElse("");
	}

	/**
	 * The condition on queued_at that names one partition: a literal, which PostgreSQL
	 * prunes on when it plans the statement, whatever plan it caches. Null: the logs
	 * queued before logs had months, in the default partition.
	 */
	static String queuedIs(OffsetDateTime queuedAt) {
		return (queuedAt == null) ? "is null"
				: "= timestamptz '" + queuedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() + "Z'";
	}

}
