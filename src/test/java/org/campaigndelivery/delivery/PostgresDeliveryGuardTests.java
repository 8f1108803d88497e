package org.campaigndelivery.delivery;

import org.campaigndelivery.support.PostgresTest;

/** The reputation guard, on PostgreSQL. */
@PostgresTest
class PostgresDeliveryGuardTests extends DeliveryGuardTests {

}
