/**
 * What every /api door shares: RFC 9457 problem details (and how the OpenAPI description
 * shows them), paging, query-parameter checks, the request body limit and the binder that
 * reads each JSON body into a record checked with Bean Validation.
 * <p>
 * Calls nothing of the application.
 */
package org.campaigndelivery.api;
