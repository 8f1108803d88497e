package org.campaigndelivery.sendinglog;

/**
 * How many of a delivery's messages failed for one reason, of one type.
 *
 * @param reason null where the failure carried none
 */
public record FailureCount(FailureReason reason, FailureType type, int count) {

}
