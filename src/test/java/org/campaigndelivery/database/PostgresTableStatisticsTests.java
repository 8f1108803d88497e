package org.campaigndelivery.database;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.PostgresTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * PostgreSQL plans the lanes' reads on its statistics; a bulk load must not leave them to
 * an autovacuum that may come late or never.
 */
// Profiles come from the first annotation that declares them: PostgresTest's.
@PostgresTest
@ApplicationTest
class PostgresTableStatisticsTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DeliveryFlow flow;

	@Autowired
	TableStatistics statistics;

	@Test
	void shouldTellThePlannerHowLargeTheAudienceAndTheSendingLogsAreRightAfterTheyAreLoaded() {
		Api preparer = this.flow.as("preparer");
		StringBuilder csv = new StringBuilder("email\n");
		for (int i = 0; i < 12_000; i++) {
			csv.append("stats").append(i).append("@example.com\n");
		}
		Api.Response imported = preparer.postRaw("/api/audiences?name=stats", csv.toString(),
				MediaType.parseMediaType("text/csv"));
		assertThat(imported.code()).as(imported.text()).isEqualTo(201);

		assertThat(plannerRows("audience_member")).isGreaterThanOrEqualTo(0.9 * rows("audience_member"));

		String id = preparer
			.post("/api/deliveries",
					delivery().without("recipients")
						.with("audienceId", imported.json().get("id").asText())
						.with("approvalMode", "AUTOMATIC")
						.body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);

		assertThat(this.flow.status(id)).isEqualTo("AWAITING_CONFIRMATION");
		// the month's partition, where the logs were loaded (MonthlyPartitions)
		String partition = this.jdbc
			.sql("select tableoid::regclass::text from sending_log where delivery_id = :id limit 1")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(partition).startsWith("sending_log_y");
		assertThat(plannerRows(partition)).isGreaterThanOrEqualTo(0.9 * rows(partition));
	}

	@Test
	void shouldTellThePlannerHowManyEventsThereAreOnceTheTableHasGrown() {
		this.jdbc
			.sql("""
					insert into mta_event (event_id, message_id, type, occurred_at, received_at, outcome)
					select gen_random_uuid(), '<stats-' || i || '@example.com>', 'DELIVERED', now(), now(), 'UNKNOWN_MESSAGE'
					from generate_series(1, 12000) i
					""")
			.update();

		this.statistics.refreshAsItGrows("mta_event", 12_000);

		assertThat(plannerRows("mta_event")).isGreaterThanOrEqualTo(0.9 * rows("mta_event"));
	}

	private double plannerRows(String table) {
		return this.jdbc.sql("select reltuples from pg_class where relname = :table")
			.param("table", table)
			.query(Double.class)
			.single();
	}

	private long rows(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
