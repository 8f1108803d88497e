package org.campaigndelivery.quarantine;

import java.time.OffsetDateTime;

public record QuarantinedAddress(String address, AddressStatus status, int errorCount, OffsetDateTime lastErrorAt,
		String reason, OffsetDateTime updatedAt) {
}
