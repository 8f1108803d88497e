/**
 * Who may do what: the access table of every route of the product's doors (enforced by
 * Spring Security over an authentication backed by the engine's identity service), the
 * role groups and their engine authorizations, HTTP Basic, API tokens and the login
 * session shared with the webapps, the first-user setup closed, the production profile's
 * safeguards.
 * <p>
 * Owns the tables api_token: no other package writes them.
 * <p>
 * Calls api; the engine's IdentityService.
 */
package org.campaigndelivery.security;
