package org.campaigndelivery.delivery;

import java.time.OffsetDateTime;

/**
 * An occurrence of a recurring delivery, in short.
 *
 * @param periodStart the start of its aggregation period, or null without one
 */
public record Occurrence(String deliveryId, OffsetDateTime dueAt, OffsetDateTime periodStart, DeliveryStatus status) {
}
