package org.campaigndelivery.recurring;

public enum RecurringStatus {

	/** The schedule runs. */
	ACTIVE,
	/** The last occurrence before `until` (or of the schedule) was created. */
	ENDED,
	/** A starter stopped the schedule; occurrences already sending went on. */
	CANCELLED

}
