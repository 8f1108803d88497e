package org.campaigndelivery.recurring;

/**
 * The schedule of a recurring delivery as the application sees it; the workflow package
 * runs it on the process engine, the authenticated user of the calling thread acting.
 */
public interface RecurringProcess {

	/** Starts the schedule of a recurring delivery just set up. */
	void start(RecurringDelivery recurring);

	/**
	 * Ends the schedule; occurrences already running go on.
	 * @return false when the schedule is no longer waiting for its next occurrence
	 */
	boolean cancel(String recurringId);

}
