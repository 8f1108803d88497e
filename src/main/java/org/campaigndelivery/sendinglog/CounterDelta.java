package org.campaigndelivery.sendinglog;

/**
 * How log transitions moved one delivery's KPI counters.
 *
 * @param relayed logs relayed for the first time (sent, and processed)
 * @param delivered change in logs that are Sent
 * @param failed change in logs that are Failed
 * @param hardBounced logs that failed on a hard bounce
 */
public record CounterDelta(String deliveryId, int relayed, int delivered, int failed, int hardBounced) {

	public boolean isZero() {
		return this.relayed == 0 && this.delivered == 0 && this.failed == 0 && this.hardBounced == 0;
	}

}
