package org.campaigndelivery.feedback;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.campaigndelivery.support.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema version 20 on a database in use: the logs and events stored before it stay where
 * they are, as the default partitions of the tables now partitioned by month.
 */
@EnabledIfSystemProperty(named = PostgresDatabase.URL_PROPERTY, matches = ".+",
		disabledReason = "no PostgreSQL server answered at 127.0.0.1:5432")
class PostgresLogPartitionsMigrationTests {

	private static final int LOGS = 2_000;

	@Test
	void storedLogsAndEventsBecomeTheDefaultPartitionsAndKeepTheirKeys() throws Exception {
		PostgresDatabase.withOwnDatabase("campaign_delivery_partitions", (arguments) -> {
			String url = arguments.get(1).substring("--spring.datasource.url=".length());
			LogPartitionsMigration migration = new LogPartitionsMigration(url);
			migration.migrateTo("19");
			migration.fill("former", LOGS);
			long lastId = single("select max(id) from sending_log", migration);

			migration.migrateTo("latest");

			try (Connection connection = migration.connect(); Statement statement = connection.createStatement()) {
				assertThat(list(statement, """
						select c.relname || ':' || c.relkind::text from pg_class c
						where c.relname in ('sending_log', 'mta_event') order by c.relname""")).as("partitioned tables")
					.containsExactly("mta_event:p", "sending_log:p");
				assertThat(list(statement, """
						select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
						join pg_partitioned_table t on t.partrelid = i.inhparent and t.partdefid = c.oid
						order by c.relname""")).as("the former tables, as default partitions")
					.containsExactly("mta_event_before_months", "sending_log_before_months");
				assertThat(single(statement, "select count(*) from sending_log where delivery_id = 'former'"))
					.isEqualTo(LOGS);
				assertThat(single(statement, "select count(*) from mta_event where message_id like '<former-%'"))
					.isEqualTo(LOGS);
				assertThat(single(statement, "select count(*) from address_message where delivery_id = 'former'"))
					.as("the view over the logs")
					.isEqualTo(LOGS);
				statement.execute(
						"""
								insert into sending_log (delivery_id, member_id, recipient, status, relay_state, slot, updated_at)
								values ('former', 0, 'new@example.com', 'PENDING', 'QUEUED', 0, now())""");
				assertThat(single(statement, "select max(id) from sending_log")).as("ids go on where they ended")
					.isEqualTo(lastId + 1);
				assertThatThrownBy(() -> statement.execute(
						"""
								insert into sending_log (delivery_id, member_id, recipient, message_id, status, relay_state,
								  slot, updated_at)
								values ('former', 1, 'again@example.com', '<former-1@example.com>', 'PENDING', 'QUEUED', 0, now())
								"""))
					.as("a Message-ID stays unique")
					.isInstanceOf(SQLException.class);
				assertThatThrownBy(() -> statement.execute("""
						insert into mta_event (event_id, message_id, type, occurred_at, received_at, outcome)
						select event_id, message_id, type, occurred_at, received_at, outcome from mta_event limit 1
						""")).as("a stored event is recognised again").isInstanceOf(SQLException.class);
				assertThat(single(statement, "select count(*) from kept_event")).isOne();
			}
		});
	}

	private static long single(String sql, LogPartitionsMigration migration) throws SQLException {
		try (Connection connection = migration.connect(); Statement statement = connection.createStatement()) {
			return single(statement, sql);
		}
	}

	private static long single(Statement statement, String sql) throws SQLException {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static List<String> list(Statement statement, String sql) throws SQLException {
		List<String> values = new java.util.ArrayList<>();
		try (ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
