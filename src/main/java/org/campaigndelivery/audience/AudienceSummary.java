package org.campaigndelivery.audience;

import java.time.OffsetDateTime;

public record AudienceSummary(String id, String name, int members, int rejected, String createdBy,
		OffsetDateTime createdAt) {
}
