/**
 * Audiences: CSV and inline recipient lists, imported once and never edited, and the
 * addresses' normal form.
 * <p>
 * Owns the tables audience, audience_member, audience_rejection: no other package writes
 * them.
 * <p>
 * Calls api, database, security.
 */
package org.campaigndelivery.audience;
