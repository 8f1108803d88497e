package org.campaigndelivery.feedback;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.campaigndelivery.api.ApiException;

import org.springframework.stereotype.Component;

/**
 * How many MTA event batches a node records at once ({@link FeedbackProperties}). Beyond
 * it a poster waits a moment, then is told to come back (429 with Retry-After) before
 * anything of its batch is read: the database's connections stay for the sending lanes,
 * and an accepted event is one that was recorded.
 */
@Component
class IntakeLimit {

	private final Semaphore permits;

	private final long waitMillis;

	IntakeLimit(FeedbackProperties properties) {
		this.permits = new Semaphore(properties.maxConcurrentBatches(), true);
		this.waitMillis = properties.maxWait().toMillis();
	}

	<T> T within(Supplier<T> work) {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.waitMillis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			throw ApiException.tooManyRequests(
					"Too many MTA event batches are being recorded at once; nothing of this one was kept. Send it again "
							+ "after the Retry-After delay.",
					1);
		}
		try {
			return work.get();
		}
		finally {
			this.permits.release();
		}
	}

}
