package org.campaigndelivery.feedback;

import org.campaigndelivery.support.PostgresTest;

/** Random feedback sequences on PostgreSQL. */
@PostgresTest
class PostgresRandomFeedbackTests extends RandomFeedbackTests {

}
