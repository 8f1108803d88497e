/**
 * Sending logs: one per recipient, their states and the pure state machine of the
 * domain's two tables, the transitions written as guarded statements, and the read models
 * of the logs.
 * <p>
 * Owns the tables sending_log: no other package writes them. Publishes the view
 * address_message (what each address was sent and is still to be sent) for preparation's
 * fatigue rule.
 * <p>
 * Calls api, database.
 */
package org.campaigndelivery.sendinglog;
