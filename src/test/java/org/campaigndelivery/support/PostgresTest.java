package org.campaigndelivery.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.test.context.ActiveProfiles;

/**
 * Runs a test class against the PostgreSQL database {@link PostgresDatabase} created for
 * the run, with the application's `postgres` profile; skipped, saying why, when no
 * PostgreSQL server answered.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles({ "test", "postgres", "postgres-test" })
@EnabledIfSystemProperty(named = PostgresDatabase.URL_PROPERTY, matches = ".+",
		disabledReason = "no PostgreSQL server answered at 127.0.0.1:5432 for user postgres (start it: "
				+ "pg_ctlcluster --skip-systemctl-redirect 15 main start)")
public @interface PostgresTest {

}
