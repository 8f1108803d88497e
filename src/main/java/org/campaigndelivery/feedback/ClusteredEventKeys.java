package org.campaigndelivery.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Schema version 10: stored event keys take the form {@link MtaEvent#key()} gives them
 * now, their event's millisecond first. Events stored before keep being recognised when
 * an MTA reports them again. The keys are read a page at a time, so that the conversion
 * holds one page in memory however many events there are; a key already in the new form
 * stays as it is.
 */
@Component
class ClusteredEventKeys implements JavaMigration {

	static final int PAGE = 1000;

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("10");
	}

	@Override
	public String getDescription() {
		return "clustered event keys";
	}

	@Override
	public Integer getChecksum() {
		return 10;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		// kept_event first: its events' times are found under their former keys
		convert(connection, """
				select k.event_id, e.occurred_at from kept_event k join mta_event e on e.event_id = k.event_id
				where k.event_id > ? order by k.event_id fetch first %d rows only""".formatted(PAGE),
				"update kept_event set event_id = ? where event_id = ?");
		convert(connection, """
				select event_id, occurred_at from mta_event
				where event_id > ? order by event_id fetch first %d rows only""".formatted(PAGE),
				"update mta_event set event_id = ? where event_id = ?");
	}

	private static void convert(Connection connection, String page, String update) throws SQLException {
		// both databases order keys as unsigned numbers: the nil key comes first
		UUID after = new UUID(0, 0);
		try (PreparedStatement select = connection.prepareStatement(page);
				PreparedStatement change = connection.prepareStatement(update)) {
			while (true) {
				select.setObject(1, after);
				Map<UUID, UUID> converted = new LinkedHashMap<>();
				int read = 0;
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						read++;
						UUID key = rows.getObject(1, UUID.class);
						UUID clustered = MtaEvent.clustered(rows.getObject(2, OffsetDateTime.class), key);
						if (!clustered.equals(key)) {
							converted.put(key, clustered);
						}
						after = key;
					}
				}
				for (Map.Entry<UUID, UUID> key : converted.entrySet()) {
					change.setObject(1, key.getValue());
					change.setObject(2, key.getKey());
					change.addBatch();
				}
				if (!converted.isEmpty()) {
					change.executeBatch();
				}
				if (read < PAGE) {
					return;
				}
			}
		}
	}

}
