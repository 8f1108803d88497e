package org.campaigndelivery.sending;

/**
 * One recipient's message as it will be sent, for approvers to judge.
 *
 * @param text the text part, which mail clients that show no HTML show
 */
record Proof(String recipient, String from, String subject, String html, String text) {
}
