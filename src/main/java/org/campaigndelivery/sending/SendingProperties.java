package org.campaigndelivery.sending;

import java.time.Duration;

import org.campaigndelivery.sendinglog.Slots;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lanes sending lanes per delivery: how many batches of one delivery may be
 * relayed at once (across all nodes)
 * @param batchSize messages a lane relays before recording them
 * @param rateLimit messages per second this node relays at most, all deliveries together;
 * 0 for no limit
 * @param connectionIdleTimeout how long an open SMTP connection may wait for the next
 * batch; zero closes it after each batch
 * @param laneJobTime how long one job of a lane goes on relaying batch after batch: the
 * engine's work for a job (its lock, its variables, its commit) is paid once for that
 * many batches instead of once for each; zero relays one batch per job. Every batch is
 * still recorded in its own transaction before the next one goes out.
 */
@ConfigurationProperties("delivery.sending")
record SendingProperties(@DefaultValue("4") int lanes, @DefaultValue("200") int batchSize, double rateLimit,
		Duration connectionIdleTimeout, Duration laneJobTime) {

	SendingProperties {
		connectionIdleTimeout = connectionIdleTimeout == null ? Duration.ofSeconds(30) : connectionIdleTimeout;
		laneJobTime = laneJobTime == null ? Duration.ofSeconds(2) : laneJobTime;
		if (laneJobTime.isNegative() || laneJobTime.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException(
					"delivery.sending.lane-job-time must be from 0 to 1 minute, not " + laneJobTime);
		}
		if (lanes < 1 || lanes > Slots.COUNT) {
			throw new IllegalArgumentException(
					"delivery.sending.lanes must be from 1 to " + Slots.COUNT + ", not " + lanes);
		}
		if (batchSize < 1 || batchSize > 10_000) {
			throw new IllegalArgumentException("delivery.sending.batch-size must be from 1 to 10000, not " + batchSize);
		}
		if (rateLimit < 0) {
			throw new IllegalArgumentException("delivery.sending.rate-limit must not be negative");
		}
	}

}
