package org.campaigndelivery.quarantine;

import java.time.OffsetDateTime;

/** Something that happened to an address and may change its quarantine status. */
public record AddressEvent(String address, Kind kind, String reason, OffsetDateTime at) {

	public enum Kind {

		HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, DELIVERED

	}

}
