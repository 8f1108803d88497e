package org.campaigndelivery.delivery;

import java.time.OffsetDateTime;

/**
 * A delivery whose logs were queued in a given month, as the cleanup process weighs the
 * month.
 *
 * @param updatedAt when it last changed status: its end, once ended
 * @param logsPurged whether its logs are purged already
 */
public record QueuedDelivery(String id, DeliveryStatus status, OffsetDateTime updatedAt, boolean logsPurged) {

	/** Whether it ended before the given time. */
	public boolean endedBefore(OffsetDateTime time) {
		return DeliveryStatus.ended().contains(this.status) && this.updatedAt.isBefore(time);
	}

}
