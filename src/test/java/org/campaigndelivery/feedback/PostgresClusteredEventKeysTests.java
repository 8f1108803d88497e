package org.campaigndelivery.feedback;

import org.campaigndelivery.support.PostgresTest;

/** Stored event keys converted to their clustered form, on PostgreSQL. */
@PostgresTest
class PostgresClusteredEventKeysTests extends ClusteredEventKeysTests {

}
