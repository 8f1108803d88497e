package org.campaigndelivery.quarantine;

import java.time.OffsetDateTime;

public record QuarantinedAddress(String address, AddressStatus status, int errorCount, OffsetDateTime lastErrorAt,
		String reason, OffsetDateTime updatedAt) {

	static QuarantinedAddress valid(String address) {
		return new QuarantinedAddress(address, AddressStatus.VALID, 0, null, null, null);
	}

	QuarantinedAddress with(AddressStatus newStatus, int newErrorCount, OffsetDateTime newLastErrorAt, String newReason,
			OffsetDateTime at) {
		return new QuarantinedAddress(this.address, newStatus, newErrorCount, newLastErrorAt, newReason, at);
	}

}
