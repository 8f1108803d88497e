package org.campaigndelivery.quarantine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param softErrorThreshold soft errors that put an address in quarantine
 * @param minIntervalBetweenErrors how far apart two soft errors must be to count
 * separately
 */
@ConfigurationProperties("delivery.quarantine")
record QuarantineProperties(int softErrorThreshold, Duration minIntervalBetweenErrors) {

	QuarantineProperties {
		softErrorThreshold = softErrorThreshold <= 0 ? 5 : softErrorThreshold;
		minIntervalBetweenErrors = minIntervalBetweenErrors == null ? Duration.ofDays(1) : minIntervalBetweenErrors;
	}

}
