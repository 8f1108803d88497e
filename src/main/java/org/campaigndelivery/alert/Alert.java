package org.campaigndelivery.alert;

import java.time.OffsetDateTime;

/** One alert as GET /api/alerts lists it. */
record Alert(String deliveryId, String deliveryName, AlertKind kind, String message, OffsetDateTime raisedAt) {

}
