/**
 * Addresses' status: hard bounces quarantine at once, soft bounces count towards it,
 * complaints denylist; admins set addresses back.
 * <p>
 * Owns the tables quarantine: no other package writes them.
 * <p>
 * Calls api, audience, database.
 */
package org.campaigndelivery.quarantine;
