package org.campaigndelivery.workflow;

import org.campaigndelivery.support.PostgresTest;

/** Recurring deliveries and their occurrences, on PostgreSQL. */
@PostgresTest
class PostgresRecurringDeliveryProcessTests extends RecurringDeliveryProcessTests {

}
