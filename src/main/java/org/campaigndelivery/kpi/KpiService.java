package org.campaigndelivery.kpi;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

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

	KpiService(KpiRepository repository) {
		this.repository = repository;
	}

	public void open(String deliveryId) {
		this.repository.insert(deliveryId);
	}

	public void recordPrepared(String deliveryId, int toDeliver) {
		this.repository.setToDeliver(deliveryId, toDeliver);
	}

	/**
	 * Moves the counters by what sending-log transitions changed.
	 * @param relayed logs relayed for the first time (sent, and processed)
	 * @param delivered change in logs that are Sent
	 * @param failed change in logs that are Failed
	 */
	public void recordTransitions(String deliveryId, int relayed, int delivered, int failed) {
		if (relayed != 0 || delivered != 0 || failed != 0) {
			this.repository.add(deliveryId, relayed, delivered, failed);
		}
	}

	public Optional<Kpis> kpis(String deliveryId) {
		return this.repository.find(deliveryId);
	}

	@Transactional
	public Kpis computeStats(String deliveryId) {
		this.repository.recount(deliveryId, OffsetDateTime.now(ZoneOffset.UTC));
		return this.repository.find(deliveryId).orElseThrow();
	}

}
