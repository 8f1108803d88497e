package org.campaigndelivery.sending;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * DKIM signing with the key delivery.dkim.* names that a benchmark turns on and off while
 * the application runs, so that it measures the relay with and without signing in one
 * run, on one database and one warmed-up JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SwitchableSigning {

	private static final AtomicBoolean ON = new AtomicBoolean();

	public static void sign(boolean on) {
		ON.set(on);
	}

	@Bean
	@Primary
	DkimSigner switchableSigner(DkimProperties properties, Clock clock) {
		return new DkimSigner(properties, clock) {
			@Override
			boolean signs() {
				return ON.get() && super.signs();
			}
		};
	}

}
