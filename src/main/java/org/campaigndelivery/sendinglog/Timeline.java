package org.campaigndelivery.sendinglog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Delivered and failed messages over time, cumulated: each point counts the logs that had
 * reached their status by then (a log is placed at its last change).
 *
 * @param unit the unit the changes were grouped by (SECOND, MINUTE, HOUR or DAY)
 */
public record Timeline(String unit, List<Point> points) {

	public record Point(OffsetDateTime at, long delivered, long failed) {
	}

}
