package org.campaigndelivery.preparation;

/**
 * Why a targeted recipient is not delivered to; the reason shown in the exclusion logs.
 */
public enum ExclusionReason {

	EMPTY_ADDRESS, INVALID_ADDRESS, DUPLICATE, QUARANTINED, DENYLISTED,
	/**
	 * The address got as many messages from other deliveries lately as the fatigue rule
	 * allows (see {@link FatigueProperties}).
	 */
	FATIGUE

}
