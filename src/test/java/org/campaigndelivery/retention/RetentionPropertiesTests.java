package org.campaigndelivery.retention;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention periods are checked as the application binds them at start: a period of
 * nothing or less, which would purge data as soon as it is written, stops the start and
 * names the property.
 */
class RetentionPropertiesTests {

	@Test
	void shouldKeepHalfAYearOfLogsAndHitsAndThreeMonthsOfReportsByDefault() {
		RetentionProperties retention = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("delivery.retention", RetentionProperties.class);

		assertThat(retention.sendingLogs()).isEqualTo(Duration.ofDays(180));
		assertThat(retention.trackingHits()).isEqualTo(Duration.ofDays(180));
		assertThat(retention.inboundReports()).isEqualTo(Duration.ofDays(90));
		assertThat(retention.audiences()).isEqualTo(Duration.ofDays(180));
		assertThat(retention.cycle()).isEqualTo("0 30 3 * * ?");
		assertThat(retention.batchSize()).isEqualTo(5000);
	}

	@Test
	void shouldRefuseToStartWithAPeriodOfNothingOrLessNamingIt() {
		for (String kind : new String[] { "sending-logs", "tracking-hits", "inbound-reports", "audiences" }) {
			for (String period : new String[] { "P0D", "-P1D", "PT0S" }) {
				starting("delivery.retention." + kind + "=" + period).run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.hasStackTraceContaining("delivery.retention." + kind + " must be longer than zero"));
			}
		}
	}

	@Test
	void shouldRefuseToStartWithABatchOfNothing() {
		starting("delivery.retention.batch-size=0").run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasStackTraceContaining("delivery.retention.batch-size must be between 1 and 50000, not 0"));
	}

	private static ApplicationContextRunner starting(String... properties) {
		return new ApplicationContextRunner().withUserConfiguration(Registered.class).withPropertyValues(properties);
	}

	/** Registered as the application's @ConfigurationPropertiesScan registers it. */
	@EnableConfigurationProperties(RetentionProperties.class)
	static class Registered {

	}

}
