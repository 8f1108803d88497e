package org.campaigndelivery.recurring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.RequestBinder;
import org.campaigndelivery.audience.AudienceService;
import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.DeliveryStatus;
import org.campaigndelivery.delivery.GuardLimits;
import org.campaigndelivery.delivery.NewDelivery;
import org.campaigndelivery.security.CurrentUser;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recurring deliveries: the record, its schedule, and the occurrences its process creates
 * as ordinary deliveries.
 */
@Service
public class RecurringService {

	private static final Logger log = LoggerFactory.getLogger(RecurringService.class);

	/**
	 * Occurrences looked at when a cancelled recurring delivery withdraws those waiting.
	 */
	private static final Paging WAITING_OCCURRENCES = new Paging(0, 100);

	private final RecurringRepository repository;

	private final AudienceService audiences;

	private final DeliveryService deliveries;

	private final RecurringProcess process;

	private final RequestBinder binder;

	private final Duration minimumInterval;

	private final Clock clock;

	RecurringService(RecurringRepository repository, AudienceService audiences, DeliveryService deliveries,
			RecurringProcess process, RequestBinder binder, RecurringProperties properties, Clock clock) {
		this.clock = clock;
		this.minimumInterval = properties.minimumInterval();
		this.repository = repository;
		this.audiences = audiences;
		this.deliveries = deliveries;
		this.process = process;
		this.binder = binder;
	}

	/**
	 * Validates the request, stores the recurring delivery (inline recipients become its
	 * audience) and starts its schedule, or nothing. Setting one up is the standing
	 * confirmation of the sends that need no confirmation each, so only starters may.
	 */
	@Transactional
	public RecurringDelivery create(JsonNode request, CurrentUser user) {
		OffsetDateTime now = now();
		RecurringRequestParser.NewRecurring r = new RecurringRequestParser(this.audiences::problemWith, this.binder,
				now.toInstant(), this.minimumInterval)
			.parse(request);
		NewDelivery t = r.template();
		String audienceId = t.audienceId() != null ? t.audienceId()
				: this.audiences.createInline(t.label(), t.recipients(), user.id());
		NewDelivery template = new NewDelivery(t.label(), t.from(), t.subject(), t.html(), t.text(), null, audienceId,
				t.emailFeedbackService(), t.approvalMode(), null, t.validityPeriod(), t.retryPeriod(), t.tracking(),
				GuardLimits.NONE);
		RecurringDelivery recurring = new RecurringDelivery(UUID.randomUUID().toString(), template, r.schedule(),
				r.timeZone(), r.until(), r.aggregationPeriod(), r.confirmBeforeSend(), RecurringStatus.ACTIVE, null,
				null, user.id(), now, now, null);
		this.repository.insert(recurring);
		this.process.start(recurring);
		return get(recurring.id());
	}

	public RecurringDelivery get(String id) {
		return this.repository.find(id)
			.orElseThrow(() -> ApiException.notFound("No recurring delivery has the id '" + id + "'."));
	}

	/**
	 * Whether the recurring delivery is active and its schedule has not started: its
	 * process may start once, not a second time beside the first.
	 */
	public boolean awaitsItsSchedule(String id) {
		return id != null && this.repository.find(id)
			.filter((r) -> r.status() == RecurringStatus.ACTIVE && r.firstRun() == null)
			.isPresent();
	}

	List<RecurringDelivery> list(Paging paging) {
		return this.repository.list(paging);
	}

	/**
	 * When the next occurrence is due, or empty once the schedule has none left before
	 * `until` or the recurring delivery is no longer active. Occurrences missed while no
	 * node ran are not made up for: the next one is the first still in the future.
	 * @param previousDue when the last occurrence was due; null before the first
	 */
	public Optional<OffsetDateTime> planNext(String id, OffsetDateTime previousDue) {
		RecurringDelivery recurring = get(id);
		if (recurring.status() != RecurringStatus.ACTIVE) {
			return Optional.empty();
		}
		Schedule schedule = recurring.parsedSchedule();
		Instant now = this.clock.instant();
		Optional<Instant> next = previousDue == null ? schedule.next(now) : schedule.next(previousDue.toInstant());
		if (next.isPresent() && next.get().isBefore(now)) {
			next = schedule.next(now);
		}
		next = next.filter((n) -> recurring.until() == null || !n.isAfter(recurring.until().toInstant()));
		OffsetDateTime nextRun = next.map((n) -> n.atOffset(ZoneOffset.UTC)).orElse(null);
		if (nextRun != null) {
			this.repository.recordNextRun(id, nextRun, now());
		}
		return Optional.ofNullable(nextRun);
	}

	/**
	 * Stores the occurrence that is due as a delivery of its own, in the aggregation
	 * period it belongs to.
	 */
	public PlannedOccurrence createOccurrence(String id, OffsetDateTime due) {
		RecurringDelivery recurring = get(id);
		Delivery occurrence = this.deliveries.createOccurrence(id, recurring.template(), due,
				recurring.periodStart(due), recurring.createdBy(),
				recurring.confirmBeforeSend() ? null : recurring.createdBy());
		Instant confirmBy = recurring.parsedSchedule().following(due.toInstant());
		return new PlannedOccurrence(occurrence.id(), due, confirmBy.atOffset(ZoneOffset.UTC),
				recurring.template().approvalMode(), recurring.template().retryPeriod(), recurring.confirmBeforeSend());
	}

	/**
	 * Ends the schedule: no occurrence is created any more. Occurrences waiting for an
	 * approval or a confirmation are cancelled with it; those already sending go on.
	 */
	public void cancel(String id) {
		RecurringDelivery recurring = get(id);
		if (recurring.status() != RecurringStatus.ACTIVE || !this.process.cancel(id)) {
			throw ApiException.conflict("Recurring delivery '" + id + "' is " + get(id).status()
					+ "; only an active one can be cancelled.");
		}
		for (Delivery occurrence : this.deliveries.occurrences(id, WAITING_OCCURRENCES)) {
			if (occurrence.status() == DeliveryStatus.AWAITING_APPROVAL
					|| occurrence.status() == DeliveryStatus.AWAITING_CONFIRMATION) {
				try {
					this.deliveries.cancel(occurrence.id());
				}
				catch (ApiException ex) {
					// decided or skipped meanwhile: it stays as it is
					log.info("Occurrence {} of cancelled recurring delivery {} left as it is: {}", occurrence.id(), id,
							ex.getMessage());
				}
			}
		}
	}

	public void markEnded(String id) {
		this.repository.markEnded(id, now());
	}

	/**
	 * @return false when it is no longer active
	 */
	public boolean markCancelled(String id, String userId) {
		return this.repository.markCancelled(id, userId, now());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
