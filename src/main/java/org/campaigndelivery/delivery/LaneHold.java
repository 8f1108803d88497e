package org.campaigndelivery.delivery;

/** What a sending lane does before its next batch. */
public enum LaneHold {

	/** Relay the batch. */
	RELAY,
	/** The delivery is paused: relay nothing and wait for the resume. */
	WAIT,
	/**
	 * The reputation guard paused the delivery on this lane's question: wait, and ask a
	 * starter to review the delivery. Answered to one lane per pause, whatever the nodes.
	 */
	WAIT_FOR_REVIEW

}
