package org.campaigndelivery.feedback;

import java.time.OffsetDateTime;

/**
 * What the MTA answered to one message of a relay.
 *
 * @param messageId the Message-ID the message was sent with
 * @param refusal the SMTP reply refusing the recipient or the message, with its code;
 * null when taken
 * @param at when the message's SMTP transaction began: no report about this attempt can
 * be older
 */
public record RelayOutcome(long logId, String messageId, String refusal, OffsetDateTime at) {

	public static RelayOutcome taken(long logId, String messageId, OffsetDateTime at) {
		return new RelayOutcome(logId, messageId, null, at);
	}

	public static RelayOutcome refused(long logId, String messageId, String smtpReply, OffsetDateTime at) {
		return new RelayOutcome(logId, messageId, smtpReply, at);
	}

}
