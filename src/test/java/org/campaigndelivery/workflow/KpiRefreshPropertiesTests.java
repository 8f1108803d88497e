package org.campaigndelivery.workflow;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The kpiRefresh timer's cycle is checked at start, as the engine reads it, rather than
 * at the models' deployment or the timer's next tick.
 */
class KpiRefreshPropertiesTests {

	@Test
	void shouldRecountHourlyByDefault() {
		assertThat(cycle(Map.of())).isEqualTo("R/PT1H");
	}

	@Test
	void shouldTakeARepeatingIntervalOrACronExpression() {
		assertThat(cycle(Map.of("delivery.kpi.refresh-cycle", "R/PT15M"))).isEqualTo("R/PT15M");
		assertThat(cycle(Map.of("delivery.kpi.refresh-cycle", "0 0 6 * * ?"))).isEqualTo("0 0 6 * * ?");
	}

	@Test
	void shouldRefuseACycleTheEngineCannotRead() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> cycle(Map.of("delivery.kpi.refresh-cycle", "PT1H")))
			.withStackTraceContaining("delivery.kpi.refresh-cycle must be")
			.withStackTraceContaining("Exception while parsing cycle expression 'PT1H'");
	}

	private static String cycle(Map<String, String> settings) {
		return new KpiRefreshSettings(new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("delivery.kpi", KpiRefreshProperties.class)).getCycle();
	}

}
