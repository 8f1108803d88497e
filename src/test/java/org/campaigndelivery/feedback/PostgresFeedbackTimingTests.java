package org.campaigndelivery.feedback;

import org.campaigndelivery.support.PostgresTest;

/** MTA events that come before their relay is recorded, on PostgreSQL. */
@PostgresTest
class PostgresFeedbackTimingTests extends FeedbackTimingTests {

}
