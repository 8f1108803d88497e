/**
 * JDBC helpers every repository shares: paged queries, IN lists, transactions of their
 * own retried on lock conflicts, shared signing keys, planner statistics, and the month
 * partitions of the sending logs and MTA events on PostgreSQL (their DDL, not their
 * rows).
 * <p>
 * Calls api.
 */
package org.campaigndelivery.database;
