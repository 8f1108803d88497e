package org.campaigndelivery.tracking;

/**
 * Unique opens and clicks of a delivery: the messages opened (a click implies an open)
 * and the messages whose links were followed, machines' hits left out.
 */
public record Engagement(int opens, int clicks) {

	/** Counted opens and clicks of one message. */
	public record OfMessage(long logId, int opens, int clicks) {
	}

}
