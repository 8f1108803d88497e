package org.campaigndelivery.sendinglog;

/**
 * A delivery's logs counted.
 *
 * @param logs every log: the messages to deliver
 * @param queued those still waiting for their first relay
 * @param sent those in status Sent
 * @param failed those in status Failed
 * @param hardBounces those that failed on a hard bounce
 * @param complaints those whose recipient reported the message as spam
 */
public record LogCounts(int logs, int queued, int sent, int failed, int hardBounces, int complaints) {
}
