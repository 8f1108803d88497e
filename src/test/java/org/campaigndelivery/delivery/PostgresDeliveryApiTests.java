package org.campaigndelivery.delivery;

import org.campaigndelivery.support.PostgresTest;

/** The lifecycle end to end on PostgreSQL. */
@PostgresTest
class PostgresDeliveryApiTests extends DeliveryApiTests {

}
