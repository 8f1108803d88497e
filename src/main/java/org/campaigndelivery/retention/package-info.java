/**
 * Data lifecycle: what each retention period lets go, purged by the cleanup process in
 * bounded batches of their own, one run at a time in the cluster, and the runs with what
 * each purged. A purged delivery keeps its row, its KPI counters and its exclusion
 * counts; a purged audience keeps its row.
 * <p>
 * Owns the tables cleanup_run: no other package writes them.
 * <p>
 * Calls api, audience, bounce, database, delivery, feedback, preparation, security,
 * sendinglog, tracking.
 */
package org.campaigndelivery.retention;
