package org.campaigndelivery.sending;

import java.util.concurrent.TimeUnit;

/** Spaces permits evenly at a fixed rate; shared by every lane running on this node. */
final class RateLimiter {

	private final long intervalNanos;

	private long nextFreeNanos = System.nanoTime();

	RateLimiter(double permitsPerSecond) {
		this.intervalNanos = permitsPerSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / permitsPerSecond);
	}

	/** Waits until the next permits are free. */
	void acquire(int permits) throws InterruptedException {
		if (this.intervalNanos == 0) {
			return;
		}
		long waitNanos;
		synchronized (this) {
			long now = System.nanoTime();
			long start = Math.max(now, this.nextFreeNanos);
			this.nextFreeNanos = start + this.intervalNanos * permits;
			waitNanos = start - now;
		}
		if (waitNanos > 0) {
			TimeUnit.NANOSECONDS.sleep(waitNanos);
		}
	}

}
