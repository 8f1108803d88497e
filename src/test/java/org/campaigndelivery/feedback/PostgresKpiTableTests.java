package org.campaigndelivery.feedback;

import org.campaigndelivery.support.PostgresTest;

/** docs/domain.md's two tables on PostgreSQL. */
@PostgresTest
class PostgresKpiTableTests extends KpiTableTests {

}
