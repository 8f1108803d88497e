package org.campaigndelivery.sendinglog;

public enum FailureType {

	/** The address is invalid: no retry, quarantined at once. */
	HARD,
	/** Temporary or not yet qualified: retried within the validity period. */
	SOFT,
	/** Known temporary or technical (out of office): no failure, never quarantines. */
	IGNORED

}
