package org.campaigndelivery.delivery;

/**
 * One delivery's own limits for the reputation guard, as its create request gave them; a
 * null limit is {@code delivery.guard.*}'s.
 *
 * @param minimumSample messages sent before the guard judges the rates
 * @param maxHardBounceRate percent of the messages sent that may fail on a hard bounce
 * @param maxComplaintRate percent of the messages delivered that may be reported as spam
 */
public record GuardLimits(Integer minimumSample, Double maxHardBounceRate, Double maxComplaintRate) {

	/** No limit of its own: all are delivery.guard.*'s. */
	public static final GuardLimits NONE = new GuardLimits(null, null, null);

}
