package org.campaigndelivery.preparation;

import org.campaigndelivery.support.PostgresTest;

/** The fatigue rule, on PostgreSQL. */
@PostgresTest
class PostgresFatigueRuleTests extends FatigueRuleTests {

}
