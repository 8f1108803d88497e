package org.campaigndelivery.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Creates a fresh PostgreSQL database for the test run when a server answers at
 * 127.0.0.1:5432 (user postgres), and drops it afterwards. Tests annotated
 * {@link PostgresTest} run against it; without a server they are skipped with a message
 * saying so.
 */
public class PostgresDatabase implements LauncherSessionListener {

	public static final String URL_PROPERTY = "campaign-delivery.test.postgres-url";

	private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	private String database;

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		this.database = "campaign_delivery_test_"
				+ UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("create database " + this.database);
			System.setProperty(URL_PROPERTY, SERVER + this.database);
		}
		catch (SQLException ex) {
			this.database = null;
			System.err.println("PostgreSQL tests are skipped: no server answers at 127.0.0.1:5432 for user postgres ("
					+ ex.getMessage() + ")");
		}
	}

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		if (this.database == null) {
			return;
		}
		try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists " + this.database + " with (force)");
		}
		catch (SQLException ex) {
			System.err.println("Test database " + this.database + " could not be dropped: " + ex.getMessage());
		}
	}

	/**
	 * Runs the work on a database of its own on the same server, dropped afterwards: for
	 * an application started in a JVM of its own, which must not share the test run's.
	 * The work gets the arguments that point the application at it.
	 */
	public static void withOwnDatabase(String prefix, OwnDatabaseWork work) throws Exception {
		String database = prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("create database " + database);
		}
		try {
			work.run(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + SERVER + database));
		}
		finally {
			try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
				statement.execute("drop database if exists " + database + " with (force)");
			}
		}
	}

	/** What runs on a database of its own, given the application's arguments for it. */
	public interface OwnDatabaseWork {

		void run(List<String> arguments) throws Exception;

	}

	private static Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		properties.setProperty("connectTimeout", "3");
		return DriverManager.getConnection(SERVER + database, properties);
	}

}
