package org.campaigndelivery.preparation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The fatigue rule as delivery.fatigue.* sets it (off), which a test class turns on with
 * limits of its own while the shared application runs: a property of its own would boot a
 * second application, whose engine would take the first one's place.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SwitchableFatigue {

	private static final AtomicReference<FatigueProperties> LIMITS = new AtomicReference<>();

	/** From the next preparation on, this many messages within the period at most. */
	public static void limit(int maxMessages, Duration period) {
		LIMITS.set(new FatigueProperties(maxMessages, period));
	}

	/** Back to delivery.fatigue.*. */
	public static void reset() {
		LIMITS.set(null);
	}

	@Bean
	@Primary
	FatigueRule switchableFatigueRule(FatigueProperties properties) {
		return new FatigueRule(properties) {
			@Override
			Optional<FatigueProperties> limits() {
				FatigueProperties limits = LIMITS.get();
				return (limits != null) ? Optional.of(limits) : super.limits();
			}
		};
	}

}
