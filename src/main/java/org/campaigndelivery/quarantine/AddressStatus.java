package org.campaigndelivery.quarantine;

public enum AddressStatus {

	VALID, ERRONEOUS, QUARANTINE, DENYLIST, ALLOWLIST

}
