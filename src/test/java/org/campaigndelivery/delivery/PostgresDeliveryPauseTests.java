package org.campaigndelivery.delivery;

import org.campaigndelivery.support.PostgresTest;

/** Pausing and resuming a delivery, on PostgreSQL. */
@PostgresTest
class PostgresDeliveryPauseTests extends DeliveryPauseTests {

}
