/**
 * Preparing a delivery: exclusions with their reasons, the control rules (errors,
 * warnings, notices), and queuing the sending logs.
 * <p>
 * Owns the tables exclusion, exclusion_count (a purged delivery's exclusion counts),
 * preparation_finding: no other package writes them.
 * <p>
 * Calls api, database, delivery, kpi, security, sending, sendinglog; sending says what
 * the MTA can do.
 */
package org.campaigndelivery.preparation;
