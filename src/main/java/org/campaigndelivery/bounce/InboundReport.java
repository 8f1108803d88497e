package org.campaigndelivery.bounce;

import java.time.OffsetDateTime;

/**
 * A report a mail system sent back, as recorded.
 *
 * @param id the SHA-256 of the raw message, in hex
 * @param events how many MTA events it gave
 * @param messageId the Message-ID of the message it is about, when found
 * @param detail what it said, or why it was ignored or not matched
 */
public record InboundReport(String id, Source source, Kind kind, Outcome outcome, int events, String messageId,
		String detail, OffsetDateTime receivedAt) {

	/** The door it came through. */
	public enum Source {

		/** POST /api/mta/dsn. */
		ENDPOINT,
		/** The bounce mailbox. */
		MAILBOX

	}

	/** What kind of message it is. */
	public enum Kind {

		/** An RFC 3464 delivery status notification. */
		DSN,
		/** An RFC 5965 abuse report. */
		ABUSE_REPORT,
		/** An RFC 3834 auto-reply: out of office, vacation, challenge-response. */
		AUTO_REPLY,
		/** Any other message: no bounce, nothing to apply. */
		OTHER

	}

	/** What came of it. */
	public enum Outcome {

		/** Its events were passed on to the sending logs. */
		RECORDED,
		/** Not a bounce nor a complaint: nothing changes. */
		IGNORED,
		/** A bounce or complaint that names no message of ours. */
		UNMATCHED

	}

}
