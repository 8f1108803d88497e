package org.campaigndelivery.preparation;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fatigue rule's settings are checked as the application binds them at start: a limit
 * that would exclude everyone, or a period of nothing, stops the start.
 */
class FatiguePropertiesTests {

	@Test
	void shouldBeOffWithAWeekByDefault() {
		FatigueProperties fatigue = bind(Map.of());

		assertThat(fatigue.enabled()).isFalse();
		assertThat(fatigue.period()).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void shouldTakeALimitAndAPeriod() {
		FatigueProperties fatigue = bind(
				Map.of("delivery.fatigue.max-messages", "3", "delivery.fatigue.period", "P14D"));

		assertThat(fatigue.enabled()).isTrue();
		assertThat(fatigue.maxMessages()).isEqualTo(3);
		assertThat(fatigue.period()).isEqualTo(Duration.ofDays(14));
	}

	@Test
	void shouldRefuseToStartWithALimitOfNoMessage() {
		for (String limit : new String[] { "0", "-2" }) {
			starting("delivery.fatigue.max-messages=" + limit).run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("delivery.fatigue.max-messages must be at least 1"));
		}
	}

	@Test
	void shouldRefuseToStartWithAPeriodOfNoTime() {
		for (String period : new String[] { "P0D", "-P1D" }) {
			starting("delivery.fatigue.max-messages=2", "delivery.fatigue.period=" + period)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.hasStackTraceContaining("delivery.fatigue.period must be longer than zero"));
		}
	}

	private static ApplicationContextRunner starting(String... properties) {
		return new ApplicationContextRunner().withUserConfiguration(Registered.class).withPropertyValues(properties);
	}

	/** Registered as the application's @ConfigurationPropertiesScan registers it. */
	@EnableConfigurationProperties(FatigueProperties.class)
	static class Registered {

	}

	private static FatigueProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("delivery.fatigue",
				FatigueProperties.class);
	}

}
