package org.campaigndelivery.retention;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One run of the cleanup process, as GET /api/maintenance/cleanup-runs lists it.
 *
 * @param startedBy the user who asked for it, or "schedule"
 * @param finishedAt null while it runs
 * @param tookMillis how long it took, or has taken so far
 * @param batches the batches it purged, each its own transaction
 * @param purged what it purged, per kind
 */
public record CleanupRun(String id, String startedBy, OffsetDateTime startedAt, OffsetDateTime finishedAt,
		boolean running, long tookMillis, int batches, Purged purged) {

	static CleanupRun of(String id, String startedBy, OffsetDateTime startedAt, OffsetDateTime finishedAt,
			OffsetDateTime now, int batches, Purged purged) {
		OffsetDateTime end = (finishedAt != null) ? finishedAt : now;
		return new CleanupRun(id, startedBy, startedAt, finishedAt, finishedAt == null,
				Math.max(0, Duration.between(startedAt, end).toMillis()), batches, purged);
	}

	/**
	 * What a run (or one batch of it) purged.
	 *
	 * @param deliveries deliveries whose logs are now all purged
	 * @param mtaEvents MTA events, those about the purged logs and those about no log
	 * @param audiences audiences whose recipients are now all purged
	 * @param audienceMembers their recipients and rejected lines
	 */
	public record Purged(int deliveries, long sendingLogs, long mtaEvents, long exclusions, long trackingHits,
			long inboundReports, int audiences, long audienceMembers) {

		static final Purged NOTHING = new Purged(0, 0, 0, 0, 0, 0, 0, 0);

		static Purged logs(int deliveries, long sendingLogs, long mtaEvents, long exclusions) {
			return new Purged(deliveries, sendingLogs, mtaEvents, exclusions, 0, 0, 0, 0);
		}

		static Purged events(long mtaEvents) {
			return new Purged(0, 0, mtaEvents, 0, 0, 0, 0, 0);
		}

		static Purged hits(long trackingHits) {
			return new Purged(0, 0, 0, 0, trackingHits, 0, 0, 0);
		}

		static Purged reports(long inboundReports) {
			return new Purged(0, 0, 0, 0, 0, inboundReports, 0, 0);
		}

		static Purged audiences(int audiences, long audienceMembers) {
			return new Purged(0, 0, 0, 0, 0, 0, audiences, audienceMembers);
		}

		boolean anything() {
			return !equals(NOTHING);
		}

	}

}
