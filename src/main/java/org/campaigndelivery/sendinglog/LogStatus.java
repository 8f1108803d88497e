package org.campaigndelivery.sendinglog;

/** A sending log's status as the Deployment view shows it. */
public enum LogStatus {

	PENDING, SENT, FAILED

}
