package org.campaigndelivery.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Samples the used heap and the engine's job count while a benchmark runs. */
final class HeapWatch {

	private final AtomicLong peakBytes = new AtomicLong();

	private final AtomicInteger peakJobs = new AtomicInteger();

	private volatile boolean running = true;

	private Thread thread;

	private HeapWatch() {
	}

	static HeapWatch start(JdbcClient jdbc) {
		HeapWatch watch = new HeapWatch();
		watch.thread = new Thread(() -> {
			while (watch.running) {
				long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
				watch.peakBytes.accumulateAndGet(used, Math::max);
				int jobs = jdbc.sql("select count(*) from act_ru_job").query(Integer.class).single();
				watch.peakJobs.accumulateAndGet(jobs, Math::max);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "heap-watch");
		watch.thread.setDaemon(true);
		watch.thread.start();
		return watch;
	}

	void stop() throws InterruptedException {
		this.running = false;
		this.thread.join();
	}

	long peakMegabytes() {
		return this.peakBytes.get() / 1024 / 1024;
	}

	int peakJobs() {
		return this.peakJobs.get();
	}

}
