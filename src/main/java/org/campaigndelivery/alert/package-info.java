/**
 * Alerts to operators: a delivery that paused itself, failed, ended its validity period
 * with too many failures, or stopped relaying while sending; each raised once per
 * delivery and kind, counted, mailed through the product's MTA and listed for starters
 * and admins.
 * <p>
 * Owns the tables alert: no other package writes them.
 * <p>
 * Calls api, database, kpi, sendinglog, tracking.
 */
package org.campaigndelivery.alert;
