/**
 * What the relay and the MTA say about each message: relay outcomes and MTA events
 * (idempotent, in any order, parked until their relay is recorded) moving the sending
 * logs, the KPI counters and the quarantine in one transaction.
 * <p>
 * Owns the tables mta_event, kept_event: no other package writes them.
 * <p>
 * Calls api, database, kpi, quarantine, sendinglog.
 */
package org.campaigndelivery.feedback;
