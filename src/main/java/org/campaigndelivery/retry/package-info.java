/**
 * Retry waves of soft-bounced messages and their expiry at the end of the validity
 * period.
 * <p>
 * Calls database, kpi, sendinglog.
 */
package org.campaigndelivery.retry;
