package org.campaigndelivery.alert;

import org.campaigndelivery.support.PostgresTest;

/**
 * Alerts on PostgreSQL, where a refused insert would abort the job's transaction but for
 * its savepoint.
 */
@PostgresTest
class PostgresAlertTests extends AlertTests {

}
