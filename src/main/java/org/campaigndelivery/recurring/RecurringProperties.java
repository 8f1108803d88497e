package org.campaigndelivery.recurring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param minimumInterval the least time between two occurrences a schedule may plan: each
 * prepares a delivery to the whole audience
 */
@ConfigurationProperties("delivery.recurring")
record RecurringProperties(@DefaultValue("PT1H") Duration minimumInterval) {

	RecurringProperties {
		// no minimum would let a schedule prepare a delivery every second
		if (minimumInterval.isZero() || minimumInterval.isNegative()) {
			throw new IllegalArgumentException(
					"delivery.recurring.minimum-interval must be more than zero, not " + minimumInterval);
		}
	}

}
