package org.campaigndelivery.sending;

/** One recipient's message as it will be sent, for approvers to judge. */
record Proof(String recipient, String from, String subject, String html) {
}
