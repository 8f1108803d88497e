package org.campaigndelivery.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests: real time in whole microseconds, as the application's
 * own, plus however far a test moved it, so that a test waits for nothing. Camunda's
 * timers keep their own clock; tests fire them through {@link Jobs}.
 */
public final class TestClock extends Clock {

	private static final Clock BASE = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	/** Moves the application's time on. */
	public void advance(Duration duration) {
		this.offset.accumulateAndGet(duration, Duration::plus);
	}

	/** Back to real time. */
	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return BASE.instant().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The application reads time in UTC only");
	}

}
