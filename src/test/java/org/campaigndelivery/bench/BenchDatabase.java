package org.campaigndelivery.bench;

import org.junit.jupiter.api.Assumptions;

import org.campaigndelivery.support.PostgresDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a benchmark runs on: an H2 file by default, PostgreSQL at 127.0.0.1:5432
 * with -Dbench.database=postgres.
 */
final class BenchDatabase {

	static final boolean POSTGRES = "postgres".equals(System.getProperty("bench.database", "h2"));

	static final String NAME = POSTGRES ? "PostgreSQL" : "H2 file database";

	/** For file names: "postgres" or "h2". */
	static final String KEY = POSTGRES ? "postgres" : "h2";

	private BenchDatabase() {
	}

	/**
	 * Points the application at the test run's PostgreSQL database when it is the one.
	 */
	static void register(DynamicPropertyRegistry registry) {
		if (!POSTGRES) {
			return;
		}
		String url = System.getProperty(PostgresDatabase.URL_PROPERTY);
		Assumptions.assumeTrue(url != null, "-Dbench.database=postgres needs PostgreSQL at 127.0.0.1:5432");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("camunda.bpm.database.type", () -> "postgres");
		// as application-postgres.yaml
		registry.add("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", () -> "true");
	}

}
