package org.campaigndelivery.sendinglog;

/** What a log's status alone cannot say: where its message is in the relay. */
public enum RelayState {

	/** Waiting for a sending lane. */
	QUEUED,
	/** The MTA took the current attempt; feedback may follow. */
	RELAYED,
	/** Soft-bounced; the next retry wave takes it. */
	AWAITING_RETRY,
	/** Taken by the current retry wave; a lane relays it again. */
	RETRY_QUEUED,
	/**
	 * Final: delivered, hard-bounced or expired. Stored as RELAYED and settled, so that
	 * settling a relayed message changes no indexed column.
	 */
	DONE

}
