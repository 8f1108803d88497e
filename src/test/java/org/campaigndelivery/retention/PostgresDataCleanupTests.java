package org.campaigndelivery.retention;

import org.campaigndelivery.support.PostgresTest;

/** The data lifecycle, on PostgreSQL. */
@PostgresTest
class PostgresDataCleanupTests extends DataCleanupTests {

}
