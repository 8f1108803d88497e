package org.campaigndelivery;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

// Users are the engine's: no user store of Spring Security's own, nor its generated password.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CampaignDeliveryApplication {

	static {
		useMailStreamProvider();
	}

	public static void main(String[] args) {
		SpringApplication.run(CampaignDeliveryApplication.class, args);
	}

	/**
	 * Every time the application reads: UTC, whatever the JVM's zone, and in whole
	 * microseconds, the finest both databases keep, so that a time written and read back
	 * compares equal to itself. Tests replace it with one they move.
	 */
	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
	}

	/**
	 * Names Jakarta Mail's stream provider (Angus Mail's). Unnamed, Jakarta Mail 2.1
	 * looks it up with a ServiceLoader scan of the class path every time it writes a
	 * message, encodes a body or a subject, or reads a header block or a body part:
	 * measured, the scans cost more than the parsing (DsnParseBenchmark) and the writing
	 * (SendBenchmark) themselves.
	 */
	public static void useMailStreamProvider() {
		String property = "jakarta.mail.util.StreamProvider";
		if (System.getProperty(property) == null) {
			System.setProperty(property, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

}
