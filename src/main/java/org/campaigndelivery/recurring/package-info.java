/**
 * Recurring deliveries: schedules (cron or ISO-8601 intervals), occurrences and
 * aggregation periods.
 * <p>
 * Owns the tables recurring_delivery: no other package writes them.
 * <p>
 * Calls api, audience, database, delivery, kpi, security; the process behind the
 * RecurringProcess port.
 */
package org.campaigndelivery.recurring;
