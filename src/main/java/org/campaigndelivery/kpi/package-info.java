/**
 * The Deployment KPIs: counters moved with every transition, recounted from the logs by
 * Compute stats.
 * <p>
 * Owns the tables delivery_kpi: no other package writes them.
 * <p>
 * Calls sendinglog, tracking.
 */
package org.campaigndelivery.kpi;
