package org.campaigndelivery.sendinglog;

/**
 * A sending log waiting for its relay, with what personalises its message.
 *
 * @param messageId the Message-ID of its earlier attempts; null before the first
 */
public record QueuedMessage(long logId, String messageId, String recipient, String firstName, String lastName,
		String attributesJson) {
}
