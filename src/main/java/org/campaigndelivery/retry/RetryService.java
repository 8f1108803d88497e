package org.campaigndelivery.retry;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.campaigndelivery.database.OwnTransactions;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.sendinglog.SendingLogs;

import org.springframework.stereotype.Service;

/**
 * Soft bounces are retried in waves, one retry period apart, for the whole validity
 * period; at its end every message still waiting on a retry is Failed. The sending lanes
 * relay each wave.
 */
@Service
public class RetryService {

	private final SendingLogs logs;

	private final KpiService kpis;

	private final OwnTransactions transactions;

	private final Clock clock;

	RetryService(SendingLogs logs, KpiService kpis, OwnTransactions transactions, Clock clock) {
		this.clock = clock;
		this.logs = logs;
		this.kpis = kpis;
		this.transactions = transactions;
	}

	/**
	 * Starts a wave: every soft-bounced message of the delivery is queued for the lanes
	 * again.
	 * @return how many soft-bounced messages the wave retries
	 */
	public int startWave(String deliveryId) {
		return this.logs.queueRetryWave(deliveryId, now());
	}

	/**
	 * The validity period is over: every message still waiting on a retry is Failed, and
	 * the counters move with the logs in one transaction.
	 */
	public void expire(String deliveryId) {
		this.transactions.retrying(() -> this.kpis.record(List.of(this.logs.expire(deliveryId, now()))));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
