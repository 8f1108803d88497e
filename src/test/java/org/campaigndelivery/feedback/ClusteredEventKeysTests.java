package org.campaigndelivery.feedback;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before schema version 10, under keys made of their digest alone, get keys
 * that start with their millisecond, and are still recognised when reported again.
 */
@ApplicationTest
class ClusteredEventKeysTests {

	private static final int EVENTS = 2 * ClusteredEventKeys.PAGE + 500;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FeedbackService feedback;

	@Test
	void shouldConvertStoredKeysPageByPageAndStillRecogniseTheirEventsWhenReportedAgain() throws Exception {
		String prefix = "former-" + UUID.randomUUID() + "-";
		OffsetDateTime start = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
		List<MtaEvent> events = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			MtaEvent event = new MtaEvent("<" + prefix + i + "@example.com>", MtaEvent.Type.DELIVERED, "250 2.0.0 OK",
					null, start.plusNanos(i * 3_000_000L));
			events.add(event);
			this.jdbc.sql("""
					insert into mta_event (event_id, message_id, type, smtp_status, occurred_at, received_at, outcome)
					values (?, ?, 'DELIVERED', '250 2.0.0 OK', ?, ?, 'UNKNOWN_MESSAGE')""")
				.params(event.digest(), event.messageId(), event.at(), event.at())
				.update();
			this.jdbc.sql("insert into kept_event (event_id, log_id) values (?, null)").param(event.digest()).update();
		}

		migrate();
		migrate();

		for (MtaEvent event : events) {
			assertThat(keyOf(event)).as(event.messageId()).isEqualTo(event.key());
			assertThat(this.jdbc.sql("select count(*) from kept_event where event_id = ?")
				.param(event.key())
				.query(Long.class)
				.single()).as(event.messageId()).isOne();
		}
		assertThat(events.get(0).key().getMostSignificantBits() >>> 16)
			.isEqualTo(events.get(0).at().toInstant().toEpochMilli());

		FeedbackService.Receipt again = this.feedback.receive(List.of(events.get(EVENTS - 1)));
		assertThat(again.duplicates()).isOne();
		assertThat(again.unknown()).isZero();
		assertThat(this.jdbc.sql("select count(*) from mta_event where message_id like ?")
			.param("<" + prefix + "%")
			.query(Long.class)
			.single()).isEqualTo(EVENTS);
	}

	private UUID keyOf(MtaEvent event) {
		return this.jdbc.sql("select event_id from mta_event where message_id = ?")
			.param(event.messageId())
			.query(UUID.class)
			.single();
	}

	private void migrate() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			convert(connection);
			connection.commit();
		}
	}

	/** Runs schema version 10 on this connection, as Flyway would. */
	static void convert(Connection connection) throws SQLException {
		new ClusteredEventKeys().migrate(new Context() {
			@Override
			public Configuration getConfiguration() {
				return null;
			}

			@Override
			public Connection getConnection() {
				return connection;
			}
		});
	}

}
