package org.campaigndelivery.delivery;

public enum DeliveryStatus {

	PREPARING, AWAITING_APPROVAL, AWAITING_CONFIRMATION, SCHEDULED, SENDING,
	/** Relay done; the validity period runs. */
	SENT, FINISHED, REJECTED, CANCELLED, FAILED,
	/**
	 * An occurrence of a recurring delivery nobody confirmed before the next one was due.
	 */
	SKIPPED

}
