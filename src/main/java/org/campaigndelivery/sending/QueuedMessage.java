package org.campaigndelivery.sending;

/** A sending log waiting for its relay, with what personalises its message. */
record QueuedMessage(long logId, String recipient, String firstName, String lastName, String attributesJson) {
}
