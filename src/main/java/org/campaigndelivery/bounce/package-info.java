/**
 * Reports mail systems send back: VERP envelope senders, RFC 3464 delivery status
 * notifications by endpoint or IMAP mailbox, abuse reports, and the SES and SendGrid
 * webhooks; each turned into the MTA events of feedback.
 * <p>
 * Owns the tables inbound_report, bounce_key, bounce_mailbox_lease: no other package
 * writes them.
 * <p>
 * Calls api, database, feedback, sendinglog.
 */
package org.campaigndelivery.bounce;
