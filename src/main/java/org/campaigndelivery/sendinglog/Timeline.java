package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Relayed, delivered and failed messages over time, cumulated: each point counts the logs
 * relayed by then (at their relay) and the logs that had reached their status by then (at
 * the MTA's event that settled them, or at their relay when no event came).
 *
 * @param unit the unit the times were grouped by (SECOND, MINUTE, HOUR or DAY)
 */
public record Timeline(String unit, List<Point> points) {

	public record Point(OffsetDateTime at, long relayed, long delivered, long failed) {
	}

}
