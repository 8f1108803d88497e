package org.campaigndelivery.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;

/**
 * The Deployment KPIs of one delivery. Rates are percentages 0..100 with two decimals:
 * delivered and bounces are relative to messages sent, opens, clicks and complaints to
 * messages delivered.
 *
 * @param processed logs whose relay is done, for the progress shown while sending
 * @param hardBounces logs that failed on a hard bounce (an unknown user, a domain that
 * does not exist)
 * @param complaints logs whose recipient reported the message as spam
 * @param computedAt when Compute stats last recounted them; null while only the counters
 * moved them
 */
public record Kpis(int toDeliver, int processed, int sent, int delivered, int failed, int opens, int clicks,
		int hardBounces, int complaints, OffsetDateTime computedAt) {

	public double deliveredRate() {
		return percent(this.delivered, this.sent);
	}

	public double bouncesAndErrorsRate() {
		return percent(this.failed, this.sent);
	}

	public double openRate() {
		return percent(this.opens, this.delivered);
	}

	public double clickRate() {
		return percent(this.clicks, this.delivered);
	}

	/**
	 * A burst of unknown users marks the sending IP: hard bounces of the messages sent.
	 */
	public double hardBounceRate() {
		return percent(this.hardBounces, this.sent);
	}

	/**
	 * What mailbox providers judge a bulk sender by: Gmail and Yahoo ask for under 0.1 %
	 * and reject at 0.3 %.
	 */
	public double complaintRate() {
		return percent(this.complaints, this.delivered);
	}

	/** The figures of both deliveries together, as a period's report adds them. */
	public Kpis plus(Kpis other) {
		return new Kpis(this.toDeliver + other.toDeliver, this.processed + other.processed, this.sent + other.sent,
				this.delivered + other.delivered, this.failed + other.failed, this.opens + other.opens,
				this.clicks + other.clicks, this.hardBounces + other.hardBounces, this.complaints + other.complaints,
				null);
	}

	/** The counters alone, to compare a recount with them. */
	public Kpis withoutComputedAt() {
		return new Kpis(this.toDeliver, this.processed, this.sent, this.delivered, this.failed, this.opens, this.clicks,
				this.hardBounces, this.complaints, null);
	}

	private static double percent(int part, int whole) {
		if (whole == 0) {
			return 0;
		}
		return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP).doubleValue();
	}

}
