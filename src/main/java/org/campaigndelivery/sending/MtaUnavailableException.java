package org.campaigndelivery.sending;

/**
 * The MTA did not take a batch (connection refused, dropped, timed out). What it did take
 * is recorded; the rest stays queued for the next attempt.
 */
public class MtaUnavailableException extends RuntimeException {

	MtaUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
