package org.campaigndelivery.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reputation guard's limits for every delivery that sets none of its own. Gmail and
 * Yahoo reject bulk senders whose complaint rate reaches 0.3 %; a burst of unknown users
 * marks the sending IP.
 *
 * @param enabled whether a delivery over a limit pauses itself while it sends
 * @param minimumSample messages sent before the rates are judged: the first few say
 * little
 * @param maxHardBounceRate percent of the messages sent that may fail on a hard bounce
 * @param maxComplaintRate percent of the messages delivered that may be reported as spam
 */
@ConfigurationProperties("delivery.guard")
record GuardProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500") int minimumSample,
		@DefaultValue("10") double maxHardBounceRate, @DefaultValue("0.3") double maxComplaintRate) {

	GuardProperties {
		if (minimumSample < 1) {
			throw new IllegalArgumentException(
					"delivery.guard.minimum-sample must be at least 1, not " + minimumSample);
		}
		if (maxHardBounceRate < 0 || maxHardBounceRate > 100 || maxComplaintRate < 0 || maxComplaintRate > 100) {
			throw new IllegalArgumentException(
					"delivery.guard.max-hard-bounce-rate and max-complaint-rate are percentages "
							+ "from 0 to 100, not " + maxHardBounceRate + " and " + maxComplaintRate);
		}
	}

}
