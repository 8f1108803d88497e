package org.campaigndelivery.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.audience.AudienceService;
import org.campaigndelivery.bounce.BounceIntake;
import org.campaigndelivery.database.MonthlyPartitions;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.QueuedDelivery;
import org.campaigndelivery.feedback.FeedbackService;
import org.campaigndelivery.preparation.PreparationService;
import org.campaigndelivery.security.CurrentUser;
import org.campaigndelivery.sendinglog.SendingLogs;
import org.campaigndelivery.tracking.TrackingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Purges what the retention periods let go, a batch at a time: each batch purges at most
 * {@code delivery.retention.batch-size} rows of one kind and adds them to its run in the
 * same short transaction, so that the lanes and the intake keep their speed meanwhile,
 * and a run interrupted anywhere resumes with nothing purged or counted twice.
 */
@Service
public class CleanupService {

	/** Who started a run the timer started. */
	public static final String SCHEDULE = "schedule";

	/** The shortest retention of the logs for which they go a month at a time. */
	static final Duration WHOLE_MONTHS_FROM = Duration.ofDays(31);

	private static final Logger log = LoggerFactory.getLogger(CleanupService.class);

	private final RetentionProperties retention;

	private final CleanupRunRepository runs;

	private final CleanupProcess process;

	private final DeliveryService deliveries;

	private final SendingLogs logs;

	private final FeedbackService feedback;

	private final PreparationService preparation;

	private final TrackingService tracking;

	private final BounceIntake bounces;

	private final AudienceService audiences;

	private final MonthlyPartitions partitions;

	private final Clock clock;

	CleanupService(RetentionProperties retention, CleanupRunRepository runs, CleanupProcess process,
			DeliveryService deliveries, SendingLogs logs, FeedbackService feedback, PreparationService preparation,
			TrackingService tracking, BounceIntake bounces, AudienceService audiences, MonthlyPartitions partitions,
			Clock clock) {
		this.partitions = partitions;
		this.retention = retention;
		this.runs = runs;
		this.process = process;
		this.deliveries = deliveries;
		this.logs = logs;
		this.feedback = feedback;
		this.preparation = preparation;
		this.tracking = tracking;
		this.bounces = bounces;
		this.audiences = audiences;
		this.clock = clock;
	}

	/**
	 * Starts a run now, for an admin.
	 * @throws ApiException 409 while another run is under way
	 */
	public CleanupRun request(CurrentUser user) {
		running().ifPresent((other) -> {
			throw busy(other);
		});
		String id = UUID.randomUUID().toString();
		this.process.start(id, user.id());
		// the run's first step ran with the start: without its row, another run began
		// first
		return this.runs.find(id, now()).orElseThrow(() -> busy(running().orElse(null)));
	}

	private static ApiException busy(CleanupRun other) {
		return ApiException.conflict((other != null)
				? "Cleanup run " + other.id() + " is under way since " + other.startedAt()
						+ ": one run at a time; ask again when it has finished."
				: "Another cleanup run is under way: one run at a time; ask again when it has finished.");
	}

	/**
	 * Begins a run, unless another one is under way in the cluster.
	 * @return false when another one is
	 */
	public boolean begin(String runId, String startedBy) {
		boolean begun = this.runs.begin(runId, startedBy, now());
		if (!begun) {
			log.info("Cleanup run {} not begun: another run is under way", runId);
		}
		else {
			this.partitions.createAhead(now());
		}
		return begun;
	}

	/**
	 * Purges one batch of the first kind that has anything to purge, and adds it to the
	 * run.
	 * @return false when nothing was left to purge
	 */
	@Transactional
	public boolean purgeBatch(String runId) {
		CleanupRun.Purged purged = purgeOne(now());
		if (purged.anything()) {
			this.runs.add(runId, purged);
		}
		return purged.anything();
	}

	/** One batch of the first kind that has anything to purge. */
	private CleanupRun.Purged purgeOne(OffsetDateTime now) {
		int limit = this.retention.batchSize();
		OffsetDateTime logsBefore = now.minus(this.retention.sendingLogs());
		CleanupRun.Purged month = purgeMonth(logsBefore, limit);
		if (month.anything()) {
			return month;
		}
		CleanupRun.Purged logs = purgeLogs(logsBefore, limit);
		if (logs.anything()) {
			return logs;
		}
		int unmatched = this.feedback.purgeUnmatchedEvents(logsBefore, limit);
		if (unmatched > 0) {
			return CleanupRun.Purged.events(unmatched);
		}
		int hits = this.tracking.purgeHits(now.minus(this.retention.trackingHits()),
				this.deliveries.engagementStillMoving(now.minus(DeliveryService.ENGAGEMENT_COUNTED_FOR)), limit);
		if (hits > 0) {
			return CleanupRun.Purged.hits(hits);
		}
		int reports = this.bounces.purgeReports(now.minus(this.retention.inboundReports()), limit);
		if (reports > 0) {
			return CleanupRun.Purged.reports(reports);
		}
		return purgeAudiences(now.minus(this.retention.audiences()), limit);
	}

	/**
	 * On PostgreSQL, the oldest month of logs that may go whole: over before the given
	 * time, and every delivery queued in it ended before that time too. Its exclusion
	 * logs go first, a batch at a time; then the month's partitions of sending logs and
	 * MTA events are detached, in one short transaction that holds the tables, with the
	 * counts of what they held and the deliveries marked purged, and dropped once it has
	 * committed. A month whose tables stay in use (a preparation under way) waits for a
	 * later batch, its ended deliveries going one by one meanwhile; a month held back by
	 * a delivery still running waits too, and the deliveries of it that ended go one by
	 * one ({@link #purgeLogs}).
	 */
	private CleanupRun.Purged purgeMonth(OffsetDateTime endedBefore, int limit) {
		this.partitions.dropDetached();
		for (YearMonth month : this.partitions.months()) {
			OffsetDateTime from = MonthlyPartitions.start(month);
			OffsetDateTime to = MonthlyPartitions.start(month.plusMonths(1));
			if (to.isAfter(endedBefore)) {
				break;
			}
			List<QueuedDelivery> queued = this.deliveries.queuedBetween(from, to);
			if (!queued.stream().allMatch((delivery) -> delivery.endedBefore(endedBefore))) {
				continue;
			}
			int left = limit;
			long exclusions = 0;
			for (QueuedDelivery delivery : queued) {
				if (!delivery.logsPurged()) {
					int purged = this.preparation.purgeExclusions(delivery.id(), left);
					left -= purged;
					exclusions += purged;
					if (left == 0) {
						return CleanupRun.Purged.logs(0, 0, 0, exclusions);
					}
				}
			}
			// Counted before the tables are taken, so that no one waits for the counts:
			// no
			// log is queued in a month over, and an event about one comes in seldom.
			long logs = this.logs.countMonth(month);
			long events = this.feedback.countMonth(month);
			if (!this.partitions.lockForDetach()) {
				// the logs in use for long (a preparation): the months wait for a later
				// batch
				break;
			}
			this.feedback.purgeKeptAboutMonth(month);
			int deliveries = 0;
			for (QueuedDelivery delivery : queued) {
				if (!delivery.logsPurged()) {
					this.deliveries.logsPurged(delivery.id());
					deliveries++;
				}
			}
			this.partitions.detach(month);
			CleanupRun.Purged purged = CleanupRun.Purged.logs(deliveries, logs, events, exclusions);
			if (purged.anything()) {
				return purged;
			}
		}
		return CleanupRun.Purged.logs(0, 0, 0, 0);
	}

	/**
	 * The sending logs, their events and the exclusion logs of deliveries that ended
	 * before the given time: several small deliveries fill one batch, a large one takes
	 * several. On PostgreSQL, only the deliveries whose month of logs is over before that
	 * time: the others' logs go with their month ({@link #purgeMonth}).
	 */
	private CleanupRun.Purged purgeLogs(OffsetDateTime endedBefore, int limit) {
		// A retention shorter than a month would keep logs waiting for their month many
		// times their retention: they go delivery by delivery then.
		OffsetDateTime queuedBefore = (this.partitions.enabled()
				&& this.retention.sendingLogs().compareTo(WHOLE_MONTHS_FROM) >= 0)
						? MonthlyPartitions.start(YearMonth.from(endedBefore.withOffsetSameInstant(ZoneOffset.UTC)))
						: null;
		int left = limit;
		int deliveries = 0;
		long logs = 0;
		long events = 0;
		long exclusions = 0;
		Optional<String> delivery;
		while (left > 0 && (delivery = this.deliveries.endedWithLogsBefore(endedBefore, queuedBefore)).isPresent()) {
			String id = delivery.get();
			List<SendingLogs.PurgedLog> purgedLogs = this.logs.purge(id, left);
			events += this.feedback.purgeEventsAbout(purgedLogs);
			left -= purgedLogs.size();
			logs += purgedLogs.size();
			if (left > 0) {
				int purgedExclusions = this.preparation.purgeExclusions(id, left);
				left -= purgedExclusions;
				exclusions += purgedExclusions;
			}
			if (left == 0) {
				// the next batch finds whether anything is left of it
				break;
			}
			this.deliveries.logsPurged(id);
			deliveries++;
		}
		return CleanupRun.Purged.logs(deliveries, logs, events, exclusions);
	}

	/** The recipients of audiences no delivery used since the given time. */
	private CleanupRun.Purged purgeAudiences(OffsetDateTime unusedSince, int limit) {
		int left = limit;
		int audiences = 0;
		long members = 0;
		Optional<String> audience;
		while (left > 0 && (audience = this.deliveries.audienceUnusedSince(unusedSince)).isPresent()) {
			int purgedMembers = this.audiences.purgeMembers(audience.get(), left);
			left -= purgedMembers;
			members += purgedMembers;
			if (left == 0) {
				break;
			}
			this.audiences.membersPurged(audience.get());
			audiences++;
		}
		return CleanupRun.Purged.audiences(audiences, members);
	}

	/** Ends the run; the next one may begin. */
	public void finish(String runId) {
		if (this.runs.finish(runId, now())) {
			this.runs.find(runId, now())
				.ifPresent((run) -> log.info("Cleanup run {} finished in {} ms: {}", run.id(), run.tookMillis(),
						run.purged()));
		}
	}

	public Optional<CleanupRun> running() {
		return this.runs.running(now());
	}

	/** Newest first. */
	public List<CleanupRun> runs(Paging paging) {
		return this.runs.list(paging, now());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
