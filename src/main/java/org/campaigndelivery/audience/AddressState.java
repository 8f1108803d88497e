package org.campaigndelivery.audience;

/**
 * Whether an audience line's address can be targeted at all; fixed when the line is
 * stored.
 */
public enum AddressState {

	VALID, EMPTY, INVALID

}
