package org.campaigndelivery.audience;

import java.time.OffsetDateTime;

/**
 * @param membersPurgedAt when the cleanup process purged its recipients and rejected
 * lines, no delivery using it any more; null while they are kept
 */
public record AudienceSummary(String id, String name, int members, int rejected, String createdBy,
		OffsetDateTime createdAt, OffsetDateTime membersPurgedAt) {
}
