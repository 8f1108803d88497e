package org.campaigndelivery.alert;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.campaigndelivery.sendinglog.SendingLogs;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Looks every minute for deliveries that send but relay nothing. Every node looks, with
 * no lease and no process: the alert's unique key lets one of them raise it, and a look
 * is one query. The kpiRefresh process, the cluster's one timer, ticks hourly, which
 * would tell of a delivery stalled for 30 minutes up to an hour late.
 */
@Component
class StalledDeliveries implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StalledDeliveries.class);

	private static final long INTERVAL_SECONDS = 60;

	private final SendingLogs logs;

	private final Alerts alerts;

	private final AlertProperties properties;

	private final Clock clock;

	private ScheduledExecutorService scheduler;

	StalledDeliveries(SendingLogs logs, Alerts alerts, AlertProperties properties, Clock clock) {
		this.logs = logs;
		this.alerts = alerts;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "stalled-deliveries");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::tick, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
	}

	private void tick() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			log.warn("Looking for stalled deliveries failed; next look in {} s: {}", INTERVAL_SECONDS, ex.toString());
		}
	}

	/**
	 * Alerts every delivery sending since before delivery.alerts.stalled-after that
	 * relayed nothing since.
	 * @return how many this look alerted
	 */
	int check() {
		OffsetDateTime since = OffsetDateTime.now(this.clock).minus(this.properties.stalledAfter());
		int raised = 0;
		for (String deliveryId : this.logs.sendingWithoutRelaySince(since)) {
			if (this.alerts.raise(deliveryId, AlertKind.STALLED,
					"sending, but no message relayed since " + since + " (" + this.properties.stalledAfter()
							+ "): its lanes may wait for an MTA that does not answer, or an incident in Cockpit")) {
				raised++;
			}
		}
		return raised;
	}

	@Override
	public void destroy() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

}
