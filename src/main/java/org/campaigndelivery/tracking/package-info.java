/**
 * Opens, clicks and one-click unsubscribes: signed tokens, link rewriting, hits
 * classified (machines, proxies) and engagement counted.
 * <p>
 * Owns the tables tracking_hit, tracking_key: no other package writes them.
 * <p>
 * Calls database, quarantine, sendinglog.
 */
package org.campaigndelivery.tracking;
