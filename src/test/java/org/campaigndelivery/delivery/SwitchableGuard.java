package org.campaigndelivery.delivery;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The reputation guard as delivery.guard.* sets it, which a benchmark turns off and on
 * while the application runs, so that it measures what the guard's look before each batch
 * costs the relay in one run, on one database and one warmed-up JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SwitchableGuard {

	private static final AtomicBoolean ON = new AtomicBoolean(true);

	public static void judge(boolean on) {
		ON.set(on);
	}

	@Bean
	@Primary
	ReputationGuard switchableGuard(GuardProperties properties) {
		return new ReputationGuard(properties) {
			@Override
			boolean judges() {
				return ON.get() && super.judges();
			}
		};
	}

}
