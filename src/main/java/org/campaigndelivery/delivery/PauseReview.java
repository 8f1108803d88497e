package org.campaigndelivery.delivery;

import java.util.List;

import org.campaigndelivery.kpi.Kpis;
import org.campaigndelivery.sendinglog.FailureCount;

/**
 * What the review of a paused delivery shows: why it paused, its figures then, and its
 * most frequent failures.
 *
 * @param kpis null when the delivery has no counters yet
 */
public record PauseReview(String reason, Kpis kpis, List<FailureCount> failureReasons) {

	/** Enough to see what went wrong; the Deployment page lists every log. */
	static final int TOP_FAILURE_REASONS = 5;

}
