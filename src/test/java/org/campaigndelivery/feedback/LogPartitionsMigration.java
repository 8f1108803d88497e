package org.campaigndelivery.feedback;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL database brought to schema version 19, filled with logs and events in bare
 * SQL, then migrated to the latest version as the application's first start on it would:
 * for the migration's test and its benchmark.
 */
final class LogPartitionsMigration {

	private final String url;

	LogPartitionsMigration(String url) {
		this.url = url;
	}

	void migrateTo(String target) {
		Flyway.configure()
			.dataSource(this.url, "postgres", "")
			.locations("classpath:db/migration", "classpath:db/vendor/postgresql")
			.javaMigrations(new ClusteredEventKeys())
			.target(target)
			.load()
			.migrate();
	}

	/**
	 * Writes one delivery's logs, each relayed and with one DELIVERED event, and one
	 * event kept under a log.
	 */
	void fill(String deliveryId, int logs) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("""
					insert into audience (id, name, created_by, created_at) values ('a-%1$s', 'former', 'demo', now())
					""".formatted(deliveryId));
			insertFinishedDelivery(statement, deliveryId, "a-" + deliveryId);
			statement.execute("""
					insert into sending_log (delivery_id, member_id, recipient, message_id, status, relay_state,
					  attempts, relayed_at, slot, updated_at, settled)
					select '%1$s', x, concat('r', x, '@example.com'), concat('<%1$s-', x, '@example.com>'), 'SENT',
					  'RELAYED', 1, now(), mod(x, 64), now(), true
					from generate_series(1, %2$d) as g(x)
					""".formatted(deliveryId, logs));
			statement.execute("""
					insert into mta_event (event_id, message_id, type, smtp_status, occurred_at, received_at, outcome)
					select gen_random_uuid(), concat('<%1$s-', x, '@example.com>'), 'DELIVERED', '250 2.0.0 OK',
					  now(), now(), 'APPLIED'
					from generate_series(1, %2$d) as g(x)
					""".formatted(deliveryId, logs));
			statement.execute("""
					insert into kept_event (event_id, log_id)
					select event_id, (select min(id) from sending_log) from mta_event limit 1
					""");
			statement.execute("analyze sending_log");
			statement.execute("analyze mta_event");
		}
	}

	/** A finished delivery, as the logs written in bare SQL need one. */
	static void insertFinishedDelivery(Statement statement, String id, String audienceId) throws SQLException {
		statement.execute("""
				insert into delivery (id, label, sender, subject, html, audience_id, email_feedback_service,
				  approval_mode, validity_period, retry_period, status, created_by, created_at, updated_at)
				values ('%s', 'former', 'news@example.com', 'Hello', '<p>Hi</p>', '%s', true, 'MANUAL',
				  'P5D', 'PT1H', 'FINISHED', 'demo', now(), now())
				""".formatted(id, audienceId));
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, "postgres", "");
	}

}
