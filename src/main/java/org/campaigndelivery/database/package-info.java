/**
 * JDBC helpers every repository shares: paged queries, IN lists, transactions of their
 * own retried on lock conflicts, shared signing keys, planner statistics.
 * <p>
 * Calls api.
 */
package org.campaigndelivery.database;
