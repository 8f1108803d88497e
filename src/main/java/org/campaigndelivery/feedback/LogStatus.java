package org.campaigndelivery.feedback;

/** A sending log's status as the Deployment view shows it. */
public enum LogStatus {

	PENDING, SENT, FAILED

}
