package org.campaigndelivery.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each kind of per-message data is kept, and when the cleanup process purges
 * what is older.
 *
 * @param sendingLogs a delivery's sending logs, their MTA events and its exclusion logs,
 * counted from the delivery's end (and events about no log from their receipt)
 * @param trackingHits opens and clicks, counted from the hit
 * @param inboundReports bounce reports, counted from their receipt
 * @param audiences the recipients of an audience no delivery uses any more, counted from
 * the end of the last delivery that used it
 * @param cycle when the cleanup process runs: a cron expression (six fields, seconds
 * first) or an ISO-8601 repeating interval, checked where the engine reads it
 * @param batchSize the rows a batch purges at most, each batch a short transaction of its
 * own
 */
@ConfigurationProperties("delivery.retention")
public record RetentionProperties(@DefaultValue("P180D") Duration sendingLogs,
		@DefaultValue("P180D") Duration trackingHits, @DefaultValue("P90D") Duration inboundReports,
		@DefaultValue("P180D") Duration audiences, @DefaultValue("0 30 3 * * ?") String cycle,
		@DefaultValue("5000") int batchSize) {

	public RetentionProperties {
		positive("sending-logs", sendingLogs);
		positive("tracking-hits", trackingHits);
		positive("inbound-reports", inboundReports);
		positive("audiences", audiences);
		if (batchSize < 1 || batchSize > 50_000) {
			throw new IllegalArgumentException(
					"delivery.retention.batch-size must be between 1 and 50000, not " + batchSize);
		}
	}

	private static void positive(String name, Duration period) {
		if (period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException("delivery.retention." + name
					+ " must be longer than zero (the data would be purged as soon as it is written), not " + period);
		}
	}

}
