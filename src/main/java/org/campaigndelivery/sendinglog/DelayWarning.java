package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;

/**
 * The MTA's warnings that it still holds a log's message and keeps trying: nothing to
 * resend, but the reason the message is late.
 *
 * @param count how many warnings came
 * @param at when the latest one was reported
 * @param notice what the latest one said: "4.2.2 mailbox full"
 */
public record DelayWarning(int count, OffsetDateTime at, String notice) {
}
