package org.campaigndelivery.bounce;

import org.campaigndelivery.support.PostgresTest;

/** docs/deliverability.md's table on PostgreSQL. */
@PostgresTest
class PostgresDeliveryReportMappingTests extends DeliveryReportMappingTests {

}
