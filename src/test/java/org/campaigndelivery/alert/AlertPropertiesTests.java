package org.campaigndelivery.alert;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** delivery.alerts.* as it binds: its defaults, and values refused at start by name. */
class AlertPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

	@Test
	void shouldMailNobodyAndAlertAtTenPercentAndHalfAnHourByDefault() {
		this.context.run((started) -> {
			AlertProperties properties = started.getBean(AlertProperties.class);
			assertThat(properties.recipients()).isEmpty();
			assertThat(properties.failedRate()).isEqualTo(10);
			assertThat(properties.stalledAfter()).isEqualTo(Duration.ofMinutes(30));
		});
	}

	@Test
	void shouldReadRecipientsAsACommaSeparatedList() {
		this.context.withPropertyValues("delivery.alerts.recipients=ops@shop.example.com, oncall@shop.example.com")
			.run((started) -> assertThat(started.getBean(AlertProperties.class).recipients())
				.containsExactly("ops@shop.example.com", "oncall@shop.example.com"));
	}

	@Test
	void shouldRefuseToStartWithAFailedRateOutOfRangeNamingIt() {
		for (String rate : List.of("-1", "100.5")) {
			this.context.withPropertyValues("delivery.alerts.failed-rate=" + rate)
				.run((started) -> assertThat(started).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("delivery.alerts.failed-rate"));
		}
	}

	@Test
	void shouldRefuseAStalledAfterThatIsNotPositiveOrARecipientThatIsNoAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AlertProperties(List.of(), 10, Duration.ZERO))
			.withMessageContaining("delivery.alerts.stalled-after");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AlertProperties(List.of("not an address"), 10, Duration.ofMinutes(30)))
			.withMessageContaining("delivery.alerts.recipients");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AlertProperties.class)
	static class Bound {

	}

}
