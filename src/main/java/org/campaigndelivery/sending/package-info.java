/**
 * Relaying to the MTA: lanes and batches over pooled SMTP connections, the message
 * composed per recipient (text and HTML parts, tracking, List-Unsubscribe, DKIM), DSN
 * requests, the sandbox MTA and the proof.
 * <p>
 * Calls api, audience, bounce, delivery, feedback, security, sendinglog, tracking.
 */
package org.campaigndelivery.sending;
