package org.campaigndelivery.security;

import java.time.OffsetDateTime;

/**
 * A machine client's credential, as listed (the token itself is never shown again).
 *
 * @param user the Camunda user the token acts as, with that user's groups
 */
record ApiToken(String id, String user, String name, String createdBy, OffsetDateTime createdAt,
		OffsetDateTime revokedAt) {
}
