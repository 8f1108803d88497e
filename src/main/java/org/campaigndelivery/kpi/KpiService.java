package org.campaigndelivery.kpi;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.campaigndelivery.sendinglog.CounterDelta;
import org.campaigndelivery.sendinglog.SendingLogs;
import org.campaigndelivery.tracking.TrackingService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Deployment KPIs. Counters move with every sending-log transition, inside the
 * transition's transaction; {@link #computeStats} recounts them from the logs, which are
 * the truth the counters cache.
 */
@Service
public class KpiService {

	private final KpiRepository repository;

	private final SendingLogs logs;

	private final TrackingService tracking;

	private final Clock clock;

	KpiService(KpiRepository repository, SendingLogs logs, TrackingService tracking, Clock clock) {
		this.clock = clock;
		this.repository = repository;
		this.logs = logs;
		this.tracking = tracking;
	}

	public void open(String deliveryId) {
		this.repository.insert(deliveryId);
	}

	public void recordPrepared(String deliveryId, int toDeliver) {
		this.repository.setToDeliver(deliveryId, toDeliver);
	}

	/** Moves the counters by what sending-log transitions changed. */
	public void record(List<CounterDelta> deltas) {
		for (CounterDelta d : deltas) {
			if (!d.isZero()) {
				this.repository.add(d.deliveryId(), d.relayed(), d.delivered(), d.failed(), d.hardBounced());
			}
		}
	}

	/** Counts the logs a recipient reported as spam for the first time. */
	public void recordComplaints(Map<String, Integer> firstComplaintsByDelivery) {
		firstComplaintsByDelivery.forEach(this.repository::addComplaints);
	}

	public Optional<Kpis> kpis(String deliveryId) {
		return this.repository.find(deliveryId);
	}

	/**
	 * Recounts the counters from the sending and tracking logs. The counters are locked
	 * first: a transition that commits before counts and moved the counters already; one
	 * still open waits to move them until the recount is stored, so that none is counted
	 * twice or lost.
	 */
	@Transactional
	public Kpis computeStats(String deliveryId) {
		this.repository.lock(deliveryId);
		this.repository.store(deliveryId, this.logs.count(deliveryId), OffsetDateTime.now(this.clock));
		refreshEngagement(deliveryId);
		return this.repository.find(deliveryId).orElseThrow();
	}

	/**
	 * Recounts the unique opens and clicks of the delivery from its tracking logs, as the
	 * hourly refresh does.
	 */
	public void refreshEngagement(String deliveryId) {
		this.repository.storeEngagement(deliveryId, this.tracking.engagement(deliveryId));
	}

}
