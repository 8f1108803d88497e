package org.campaigndelivery.feedback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of the MTA's reporting a node takes at once.
 *
 * @param maxConcurrentBatches MTA event batches this node records at once; the database's
 * other connections stay for the sending lanes
 * @param maxWait how long a further batch waits for its turn before its poster is told to
 * come back (429 with Retry-After)
 */
@ConfigurationProperties("delivery.feedback")
record FeedbackProperties(@DefaultValue("6") int maxConcurrentBatches, @DefaultValue("2s") Duration maxWait) {

	FeedbackProperties {
		// none at once would refuse every batch
		if (maxConcurrentBatches < 1) {
			throw new IllegalArgumentException(
					"delivery.feedback.max-concurrent-batches must be at least 1, not " + maxConcurrentBatches);
		}
	}

}
