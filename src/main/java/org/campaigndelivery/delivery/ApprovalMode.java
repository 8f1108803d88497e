package org.campaigndelivery.delivery;

public enum ApprovalMode {

	/** An approver always reviews the prepared delivery. */
	MANUAL,
	/** Approval is asked only when preparation raised warnings. */
	SEMI_AUTOMATIC,
	/** No approval task; the send must still be confirmed. */
	AUTOMATIC

}
