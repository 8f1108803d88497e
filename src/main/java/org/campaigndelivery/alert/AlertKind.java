package org.campaigndelivery.alert;

/** What happened to a delivery that an operator should know of. */
public enum AlertKind {

	/** The reputation guard paused it: too many hard bounces or complaints. */
	AUTO_PAUSED,

	/** Its preparation found errors: nothing was sent. */
	FAILED,

	/**
	 * Its validity period ended with more of its messages failed than
	 * delivery.alerts.failed-rate allows.
	 */
	VALIDITY_ENDED,

	/** It is sending, yet its lanes relayed nothing for delivery.alerts.stalled-after. */
	STALLED

}
