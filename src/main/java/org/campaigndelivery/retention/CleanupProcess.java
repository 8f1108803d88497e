package org.campaigndelivery.retention;

/** The cleanup process, as the engine runs it. */
public interface CleanupProcess {

	/** Starts a run now; its first step begins the run, or ends it when another runs. */
	void start(String runId, String startedBy);

}
