package org.campaigndelivery.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Writes tracking hits in batches: a hit is queued in memory and a writer thread stores
 * what is queued every 200 ms in one statement, so that a burst of hits costs the
 * database (and the relay that shares it) a few statements a second, not one per hit.
 * When the queue is full the request stores its hit itself. A node that stops stores what
 * is queued; one killed loses at most the hits of its last 200 ms.
 */
@Component
class TrackingRecorder implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TrackingRecorder.class);

	private static final int CAPACITY = 100_000;

	private static final int BATCH = 5_000;

	private final TrackingRepository repository;

	private final BlockingQueue<Hit> queue = new ArrayBlockingQueue<>(CAPACITY);

	private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "tracking-writer");
		thread.setDaemon(true);
		return thread;
	});

	TrackingRecorder(TrackingRepository repository) {
		this.repository = repository;
		this.writer.scheduleWithFixedDelay(this::writeQueued, 200, 200, TimeUnit.MILLISECONDS);
	}

	void record(Hit hit) {
		if (!this.queue.offer(hit)) {
			this.repository.insert(List.of(hit));
		}
	}

	/** Stores every hit queued so far, before the caller counts them. */
	synchronized void flush() {
		List<Hit> batch = new ArrayList<>();
		while (this.queue.drainTo(batch, BATCH) > 0) {
			this.repository.insert(batch);
			batch.clear();
		}
	}

	private void writeQueued() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			// the batch is lost, the writer goes on: the database may be back next time
			log.warn("Tracking hits could not be stored: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.writer.shutdown();
		flush();
	}

}
