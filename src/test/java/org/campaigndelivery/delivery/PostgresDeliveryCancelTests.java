package org.campaigndelivery.delivery;

import org.campaigndelivery.support.PostgresTest;

/** Stopping a delivery, on PostgreSQL. */
@PostgresTest
class PostgresDeliveryCancelTests extends DeliveryCancelTests {

}
