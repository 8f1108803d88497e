package org.campaigndelivery.feedback;

/**
 * What the MTA answered to one message of a relay.
 *
 * @param messageId the Message-ID the message was sent with
 * @param refusal the SMTP reply refusing the recipient or the message, with its code;
 * null when taken
 */
public record RelayOutcome(long logId, String messageId, String refusal) {

	public static RelayOutcome taken(long logId, String messageId) {
		return new RelayOutcome(logId, messageId, null);
	}

	public static RelayOutcome refused(long logId, String messageId, String smtpReply) {
		return new RelayOutcome(logId, messageId, smtpReply);
	}

}
