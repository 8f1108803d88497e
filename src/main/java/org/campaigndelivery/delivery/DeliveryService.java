package org.campaigndelivery.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.alert.AlertKind;
import org.campaigndelivery.alert.Alerts;
import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.RequestBinder;
import org.campaigndelivery.audience.AudienceService;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.kpi.Kpis;
import org.campaigndelivery.security.CurrentUser;
import org.campaigndelivery.sendinglog.SendingLogs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery record and its lifecycle's entry points. */
@Service
public class DeliveryService {

	/**
	 * How long after its end a delivery's opens and clicks are still recounted from the
	 * tracking hits.
	 */
	public static final Duration ENGAGEMENT_COUNTED_FOR = Duration.ofDays(30);

	private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

	private final DeliveryRepository repository;

	private final AudienceService audiences;

	private final KpiService kpis;

	private final DeliveryProcess process;

	private final RequestBinder binder;

	private final ReputationGuard guard;

	private final SendingLogs sendingLogs;

	private final Alerts alerts;

	private final Clock clock;

	DeliveryService(DeliveryRepository repository, AudienceService audiences, KpiService kpis, DeliveryProcess process,
			RequestBinder binder, ReputationGuard guard, SendingLogs sendingLogs, Alerts alerts, Clock clock) {
		this.sendingLogs = sendingLogs;
		this.clock = clock;
		this.alerts = alerts;
		this.guard = guard;
		this.repository = repository;
		this.audiences = audiences;
		this.kpis = kpis;
		this.process = process;
		this.binder = binder;
	}

	/**
	 * Validates the request, stores the delivery and its recipients and starts its
	 * lifecycle, or nothing.
	 */
	@Transactional
	public Delivery create(JsonNode request, CurrentUser user) {
		NewDelivery d = new DeliveryRequestParser(this.audiences::problemWith, this.binder).parse(request);
		String id = UUID.randomUUID().toString();
		String audienceId = d.audienceId() != null ? d.audienceId()
				: this.audiences.createInline(d.label(), d.recipients(), user.id());
		OffsetDateTime now = now();
		Delivery delivery = new Delivery(id, d.label(), d.from(), d.subject(), d.html(), d.text(), audienceId,
				d.emailFeedbackService(), d.approvalMode(), d.contactDate(), d.validityPeriod(), d.retryPeriod(), null,
				DeliveryStatus.PREPARING, user.id(), now, now, null, null, null, null, d.tracking(), null, d.guard(),
				false, null);
		this.repository.insert(delivery);
		this.kpis.open(id);
		this.process.start(delivery);
		return delivery;
	}

	/**
	 * Stores the occurrence of a recurring delivery that is due; the recurring delivery's
	 * process runs its lifecycle.
	 * @param template the recurring delivery's content, audience and periods
	 * @param confirmedBy the starter whose recurring delivery needs no confirmation
	 * before each send, or null when this occurrence waits for one
	 */
	@Transactional
	public Delivery createOccurrence(String recurringId, NewDelivery template, OffsetDateTime dueAt,
			OffsetDateTime periodStart, String createdBy, String confirmedBy) {
		OffsetDateTime now = now();
		Delivery delivery = new Delivery(UUID.randomUUID().toString(), template.label(), template.from(),
				template.subject(), template.html(), template.text(), template.audienceId(),
				template.emailFeedbackService(), template.approvalMode(), null, template.validityPeriod(),
				template.retryPeriod(), null, DeliveryStatus.PREPARING, createdBy, now, now, recurringId, dueAt,
				periodStart, null, template.tracking(), null, GuardLimits.NONE, false, null);
		this.repository.insert(delivery);
		if (confirmedBy != null) {
			this.repository.recordStandingConfirmation(delivery.id(), confirmedBy);
		}
		this.kpis.open(delivery.id());
		return delivery;
	}

	/**
	 * The delivery that ended longest ago, before the given time, whose sending logs are
	 * still kept, among the deliveries whose logs were queued before the second time (or
	 * before logs had a queue time); null for all.
	 */
	public Optional<String> endedWithLogsBefore(OffsetDateTime endedBefore, OffsetDateTime queuedBefore) {
		return this.repository.endedWithLogsBefore(endedBefore, queuedBefore);
	}

	/** The deliveries whose logs were queued between the two times. */
	public List<QueuedDelivery> queuedBetween(OffsetDateTime from, OffsetDateTime to) {
		return this.repository.queuedBetween(from, to);
	}

	/** Its logs were queued at the given time, in the partition of that month. */
	public void logsQueued(String id, OffsetDateTime at) {
		this.repository.markLogsQueued(id, at);
	}

	/**
	 * The audience created longest ago, before the given time, that no delivery has used
	 * since and no recurring delivery sends to any more.
	 */
	public Optional<String> audienceUnusedSince(OffsetDateTime since) {
		return this.repository.audienceUnusedSince(since);
	}

	/**
	 * The latest end of a delivery whose logs were purged: the messages of deliveries
	 * that ended by then may be gone from the recipients' histories.
	 */
	public Optional<OffsetDateTime> logsPurgedThrough() {
		return this.repository.logsPurgedThrough();
	}

	/** Its sending logs, their events and its exclusion logs are purged. */
	public void logsPurged(String id) {
		this.repository.markLogsPurged(id, now());
	}

	/**
	 * The deliveries whose opens and clicks may still move: in their validity period, or
	 * finished (or cancelled after relaying) since the given time.
	 */
	public List<String> engagementStillMoving(OffsetDateTime finishedSince) {
		return this.repository.engagementStillMoving(finishedSince);
	}

	/** The occurrences of a recurring delivery, newest first. */
	public List<Delivery> occurrences(String recurringId, Paging paging) {
		return this.repository.occurrences(recurringId, paging);
	}

	/** Every occurrence of a recurring delivery, oldest first. */
	public List<Occurrence> occurrencePeriods(String recurringId) {
		return this.repository.occurrencePeriods(recurringId);
	}

	/** Whether the delivery exists and waits for its lifecycle to start. */
	public boolean awaitsItsProcess(String id) {
		return this.repository.find(id).filter((d) -> d.status() == DeliveryStatus.PREPARING).isPresent();
	}

	public Delivery get(String id) {
		return this.repository.find(id)
			.orElseThrow(() -> ApiException.notFound("No delivery has the id '" + id + "'."));
	}

	/**
	 * Where the delivery's process stands, as far as the caller (set on the engine for
	 * this request) may see it.
	 */
	public Optional<ProcessState> processState(String id) {
		get(id);
		return this.process.state(id);
	}

	public List<Delivery> list(DeliveryStatus status, Paging paging) {
		return this.repository.list(status, paging);
	}

	/** The process's own transaction records the decision, tried again on a conflict. */
	public void approve(String id, boolean approved, String comment) {
		get(id);
		if (!this.process.decideApproval(id, approved, comment)) {
			throw ApiException.conflict("Delivery '" + id + "' is not waiting for an approval.");
		}
	}

	/** The process's own transaction records the decision, tried again on a conflict. */
	public void confirm(String id, boolean confirmed) {
		get(id);
		if (!this.process.decideConfirmation(id, confirmed)) {
			throw ApiException.conflict("Delivery '" + id + "' is not waiting for a confirmation of its send.");
		}
	}

	/**
	 * Stops a delivery that is not relayed in full yet: its process ends, and what the
	 * MTA already took stays recorded. Only delivery-starters may. Runs in the process's
	 * own transaction, so that a lane finishing a batch at that moment is simply retried
	 * against.
	 */
	public void cancel(String id) {
		Delivery delivery = get(id);
		if (!delivery.cancellable() || !this.process.cancel(id)) {
			// the model's listener refused, or the delivery moved on meanwhile
			if (!leftToRelay(id)) {
				throw ApiException.conflict(nothingToStop(id));
			}
			throw ApiException.conflict("Delivery '" + id + "' is " + get(id).status()
					+ "; only a delivery not relayed in full yet can be cancelled.");
		}
	}

	/**
	 * Stops the relay for now: each lane relays no further batch (what the MTA already
	 * took stays recorded) and waits; a scheduled delivery reaching its contact date
	 * waits likewise. The validity period stands still until the resume.
	 */
	public void pause(String id, CurrentUser user) {
		pause(id, "Paused by " + user.id() + " at " + now() + ".");
	}

	/** The same, saying why: the reputation guard's figures. */
	public void pause(String id, String reason) {
		if (!logged(id, DeliveryStatus.PAUSED, reason, this.repository.markPaused(id, reason, now()))) {
			throw ApiException.conflict("Delivery '" + id + "' is " + get(id).status()
					+ "; only a delivery that is sending or scheduled can be paused.");
		}
	}

	/**
	 * Whether a cancellation would still stop something: a delivery sending (or paused)
	 * whose lanes have handed every message to the MTA only waits for them to join, and
	 * cancelling it would call CANCELLED what reached everyone.
	 */
	public boolean leftToRelay(String id) {
		DeliveryStatus status = get(id).status();
		return (status != DeliveryStatus.SENDING && status != DeliveryStatus.PAUSED) || this.sendingLogs.anyQueued(id);
	}

	/** Why a cancellation of a delivery with nothing left to relay is refused. */
	public String nothingToStop(String id) {
		return "Delivery '" + id + "' has handed all its " + this.kpis.kpis(id).map(Kpis::toDeliver).orElse(0)
				+ " messages to the MTA already; a cancellation would stop nothing, so it is not cancelled: it "
				+ "becomes SENT, and its validity period and KPIs go on as the MTA reports.";
	}

	/**
	 * Goes on where the pause found it, every recipient still relayed exactly once: the
	 * lanes take their next batch, and the validity period ends as much later as it stood
	 * still.
	 */
	public void resume(String id, CurrentUser user) {
		resume(id, user.id());
	}

	/** The same, decided in the review of a paused delivery. */
	public void resume(String id, String userId) {
		Delivery delivery = get(id);
		OffsetDateTime now = now();
		if (delivery.status() != DeliveryStatus.PAUSED || delivery.pausedAt() == null) {
			throw ApiException
				.conflict("Delivery '" + id + "' is " + delivery.status() + "; only a paused one can be resumed.");
		}
		OffsetDateTime validUntil = (delivery.validUntil() == null) ? null
				: delivery.validUntil().plus(Duration.between(delivery.pausedAt(), now));
		String reason = "Resumed by " + userId + " at " + now + " (" + delivery.statusReason() + ")";
		if (!this.repository.markResumed(id, delivery.pausedAt(), validUntil, reason, now)) {
			throw ApiException
				.conflict("Delivery '" + id + "' is " + get(id).status() + "; only a paused one can be resumed.");
		}
		log.info("Delivery {} resumed: {}", id, reason);
		this.process.resume(id);
	}

	/**
	 * Whether the delivery's lanes should hold their next batch: it is paused, or the
	 * reputation guard pauses it now, its hard-bounce or complaint rate over its limit
	 * (unless a starter resumed it before: the decision was theirs). Each lane asks
	 * before each batch, so at most one batch a lane leaves after the figures went over.
	 * The lane whose question paused it is told to ask for a review: the pause is one
	 * guarded statement, so that is one lane, whatever the nodes.
	 */
	public LaneHold holdsItsLanes(String id) {
		DeliveryRepository.GuardState state = this.repository.guardState(id).orElse(null);
		if (state == null || state.status() == DeliveryStatus.PAUSED) {
			return (state != null) ? LaneHold.WAIT : LaneHold.RELAY;
		}
		if (state.status() != DeliveryStatus.SENDING || state.released() || !this.guard.judges()) {
			return LaneHold.RELAY;
		}
		Optional<String> breach = this.kpis.kpis(id).flatMap((k) -> this.guard.breach(state.guard(), k));
		if (breach.isEmpty()) {
			return LaneHold.RELAY;
		}
		OffsetDateTime now = now();
		String reason = "Paused by the reputation guard at " + now + ": " + breach.get() + ".";
		if (this.repository.markPaused(id, reason, now)) {
			log.warn("Delivery {} paused: {}", id, reason);
			this.alerts.raise(id, AlertKind.AUTO_PAUSED, reason);
			return LaneHold.WAIT_FOR_REVIEW;
		}
		return LaneHold.WAIT;
	}

	/**
	 * What a starter needs to judge a paused delivery: why it paused, its figures now and
	 * what its failures were.
	 */
	public PauseReview pauseReview(String id) {
		Delivery delivery = get(id);
		return new PauseReview(delivery.statusReason(), this.kpis.kpis(id).orElse(null),
				this.sendingLogs.failureReasons(id, PauseReview.TOP_FAILURE_REASONS));
	}

	/**
	 * Moves the delivery to the status, from one of those {@link DeliveryStatus} lets it
	 * be entered from.
	 * @return false when it was in none (a step run twice, a delivery that ended
	 * meanwhile): nothing changed
	 */
	public boolean enter(String id, DeliveryStatus status) {
		return logged(id, status, null, this.repository.move(id, status, now()));
	}

	/** The same, saying why: a cancellation, a skipped occurrence. */
	public boolean enter(String id, DeliveryStatus status, String reason) {
		return logged(id, status, reason, this.repository.move(id, status, reason, now()));
	}

	/** The send begins, and with it the validity period. */
	public boolean markSending(String id) {
		return logged(id, DeliveryStatus.SENDING, null,
				this.repository.markSending(id, now(), get(id).validityPeriod()));
	}

	private static boolean logged(String id, DeliveryStatus status, String reason, boolean moved) {
		if (moved) {
			log.info("Delivery {} is {}{}", id, status, (reason == null) ? "" : ": " + reason);
		}
		else {
			log.debug("Delivery {} did not become {}: its status allows no such step", id, status);
		}
		return moved;
	}

	public void recordApprovalDecision(String id, String userId, String comment) {
		this.repository.recordApprovalDecision(id, userId, comment, now());
	}

	public void recordConfirmationDecision(String id, String userId) {
		this.repository.recordConfirmationDecision(id, userId, now());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
