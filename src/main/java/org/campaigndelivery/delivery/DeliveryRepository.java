package org.campaigndelivery.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.Pages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * Each status change is one guarded statement: it moves the delivery only from the
 * statuses the lifecycle allows, so a step that runs twice changes nothing the second
 * time.
 */
@Repository
class DeliveryRepository {

	private final JdbcClient jdbc;

	DeliveryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Delivery d) {
		this.jdbc
			.sql("""
					insert into delivery (id, label, sender, subject, html, plain_text, audience_id, email_feedback_service,
					  approval_mode, contact_date, validity_period, retry_period, status, created_by, created_at, updated_at,
					  recurring_id, due_at, period_start, tracking, guard_minimum_sample, guard_max_hard_bounce_rate,
					  guard_max_complaint_rate)
					values (:id, :label, :sender, :subject, :html, :text, :audienceId, :efs, :approvalMode, :contactDate,
					  :validity, :retry, :status, :createdBy, :createdAt, :createdAt, :recurringId, :dueAt, :periodStart, :tracking,
					  :guardSample, :guardHard, :guardComplaints)
					""")
			.param("id", d.id())
			.param("label", d.label())
			.param("sender", d.sender())
			.param("subject", d.subject())
			.param("html", d.html())
			.param("text", d.text())
			.param("audienceId", d.audienceId())
			.param("efs", d.emailFeedbackService())
			.param("approvalMode", d.approvalMode().name())
			.param("contactDate", d.contactDate())
			.param("validity", d.validityPeriod().toString())
			.param("retry", d.retryPeriod().toString())
			.param("status", d.status().name())
			.param("createdBy", d.createdBy())
			.param("createdAt", d.createdAt())
			.param("recurringId", d.recurringId())
			.param("dueAt", d.dueAt())
			.param("periodStart", d.periodStart())
			.param("tracking", d.tracking())
			.param("guardSample", d.guard().minimumSample())
			.param("guardHard", d.guard().maxHardBounceRate())
			.param("guardComplaints", d.guard().maxComplaintRate())
			.update();
	}

	/** What a lane asks before each batch, without the delivery's content. */
	record GuardState(DeliveryStatus status, GuardLimits guard, boolean released) {
	}

	Optional<GuardState> guardState(String id) {
		return this.jdbc
			.sql("""
					select status, guard_minimum_sample, guard_max_hard_bounce_rate, guard_max_complaint_rate, guard_released
					from delivery where id = :id
					""")
			.param("id", id)
			.query((rs, row) -> new GuardState(DeliveryStatus.valueOf(rs.getString("status")), guardLimits(rs),
					rs.getBoolean("guard_released")))
			.optional();
	}

	private static GuardLimits guardLimits(ResultSet rs) throws SQLException {
		return new GuardLimits(rs.getObject("guard_minimum_sample", Integer.class),
				rs.getObject("guard_max_hard_bounce_rate", Double.class),
				rs.getObject("guard_max_complaint_rate", Double.class));
	}

	Optional<Delivery> find(String id) {
		return this.jdbc.sql("select * from delivery where id = :id")
			.param("id", id)
			.query(DeliveryRepository::delivery)
			.optional();
	}

	List<Delivery> list(DeliveryStatus status, Paging paging) {
		String where = status == null ? "" : "where status = :status ";
		JdbcClient.StatementSpec statement = Pages.page(this.jdbc,
				"select * from delivery " + where + "order by created_at desc, id", paging);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		return statement.query(DeliveryRepository::delivery).list();
	}

	/**
	 * Moves the delivery to the status, from one of those {@link DeliveryStatus} lets it
	 * be entered from.
	 * @return false when it was in no such status
	 */
	boolean move(String id, DeliveryStatus to, OffsetDateTime at) {
		return move(id, to, at, "", Map.of());
	}

	/** Cancelled or skipped, saying why. */
	boolean move(String id, DeliveryStatus to, String reason, OffsetDateTime at) {
		return move(id, to, at, ", status_reason = :reason", Map.of("reason", reason));
	}

	/** Sending starts the validity period. */
	/**
	 * The send begins: SENDING, with its validity period; a delivery paused while it was
	 * scheduled stays PAUSED, its lanes waiting for the resume.
	 */
	boolean markSending(String id, OffsetDateTime at, Duration validityPeriod) {
		return this.jdbc.sql("""
				update delivery set status = case when status = 'PAUSED' then 'PAUSED' else 'SENDING' end,
				valid_until = :validUntil, updated_at = :at
				where id = :id and status in (:from)
				""")
			.param("validUntil", at.plus(validityPeriod))
			.param("at", at)
			.param("id", id)
			.param("from", DeliveryStatus.SENDING.enteredFrom().stream().map(Enum::name).toList())
			.update() == 1;
	}

	boolean markPaused(String id, String reason, OffsetDateTime at) {
		return move(id, DeliveryStatus.PAUSED, at, ", status_reason = :reason, paused_at = :at",
				Map.of("reason", reason));
	}

	/**
	 * Back to where the pause found it: SENDING once its send began, SCHEDULED before;
	 * the validity period moves on by the time it stood still, which the caller read with
	 * the delivery (a second resume of the same pause changes nothing).
	 */
	boolean markResumed(String id, OffsetDateTime pausedAt, OffsetDateTime validUntil, String reason,
			OffsetDateTime at) {
		return this.jdbc.sql("""
				update delivery set status = case when valid_until is null then 'SCHEDULED' else 'SENDING' end,
				valid_until = :validUntil, paused_at = null, guard_released = true, status_reason = :reason,
				updated_at = :at
				where id = :id and status = 'PAUSED' and paused_at = :pausedAt
				""")
			.param("validUntil", validUntil)
			.param("reason", reason)
			.param("at", at)
			.param("id", id)
			.param("pausedAt", pausedAt)
			.update() == 1;
	}

	boolean recordApprovalDecision(String id, String userId, String comment, OffsetDateTime at) {
		return this.jdbc.sql("""
				update delivery set decided_by = :userId, approval_comment = :comment, updated_at = :at
				where id = :id and status = 'AWAITING_APPROVAL'
				""").param("userId", userId).param("comment", comment).param("at", at).param("id", id).update() == 1;
	}

	/**
	 * The delivery that ended longest ago, before the given time, whose logs are still
	 * kept.
	 */
	Optional<String> endedWithLogsBefore(OffsetDateTime endedBefore, OffsetDateTime queuedBefore) {
		StatementSpec statement = this.jdbc
			.sql("""
					select id from delivery where status in (:ended) and updated_at < :before and logs_purged_at is null
					  %s
					order by updated_at, id limit 1
					""".formatted(
					(queuedBefore != null) ? "and (logs_queued_at is null or logs_queued_at < :queuedBefore)" : ""))
			.param("ended", DeliveryStatus.ended().stream().map(Enum::name).toList())
			.param("before", endedBefore);
		if (queuedBefore != null) {
			statement = statement.param("queuedBefore", queuedBefore);
		}
		return statement.query(String.class).optional();
	}

	List<QueuedDelivery> queuedBetween(OffsetDateTime from, OffsetDateTime to) {
		return this.jdbc.sql("""
				select id, status, updated_at, logs_purged_at from delivery
				where logs_queued_at >= :from and logs_queued_at < :to order by id
				""")
			.param("from", from)
			.param("to", to)
			.query((rs, row) -> new QueuedDelivery(rs.getString("id"), DeliveryStatus.valueOf(rs.getString("status")),
					rs.getObject("updated_at", OffsetDateTime.class),
					rs.getObject("logs_purged_at", OffsetDateTime.class) != null))
			.list();
	}

	void markLogsQueued(String id, OffsetDateTime at) {
		this.jdbc.sql("update delivery set logs_queued_at = :at where id = :id")
			.param("at", at)
			.param("id", id)
			.update();
	}

	/**
	 * The audience created longest ago, before the given time, whose recipients are still
	 * kept although every delivery using it ended before that time and no recurring
	 * delivery sends to it any more.
	 */
	Optional<String> audienceUnusedSince(OffsetDateTime since) {
		return this.jdbc.sql("""
				select a.id from audience a
				where a.created_at < :since and a.members_purged_at is null
				  and not exists (select 1 from delivery d where d.audience_id = a.id
				                  and (d.status not in (:ended) or d.updated_at >= :since))
				  and not exists (select 1 from recurring_delivery r where r.audience_id = a.id
				                  and (r.status = 'ACTIVE' or r.updated_at >= :since))
				order by a.created_at, a.id limit 1
				""")
			.param("ended", DeliveryStatus.ended().stream().map(Enum::name).toList())
			.param("since", since)
			.query(String.class)
			.optional();
	}

	Optional<OffsetDateTime> logsPurgedThrough() {
		return Optional
			.ofNullable(this.jdbc.sql("select max(updated_at) from delivery where logs_purged_at is not null")
				.query(OffsetDateTime.class)
				.single());
	}

	boolean markLogsPurged(String id, OffsetDateTime at) {
		return this.jdbc.sql("update delivery set logs_purged_at = :at where id = :id and logs_purged_at is null")
			.param("at", at)
			.param("id", id)
			.update() == 1;
	}

	List<String> engagementStillMoving(OffsetDateTime finishedSince) {
		return this.jdbc.sql("""
				select id from delivery
				where status in ('SENDING', 'SENT') or (status in ('FINISHED', 'CANCELLED') and updated_at >= :since)
				""").param("since", finishedSince).query(String.class).list();
	}

	/** The occurrences of a recurring delivery, newest first. */
	List<Delivery> occurrences(String recurringId, Paging paging) {
		return Pages
			.page(this.jdbc, "select * from delivery where recurring_id = :recurringId order by due_at desc, id",
					paging)
			.param("recurringId", recurringId)
			.query(DeliveryRepository::delivery)
			.list();
	}

	/**
	 * Every occurrence of a recurring delivery and the aggregation period it belongs to,
	 * oldest first.
	 */
	List<Occurrence> occurrencePeriods(String recurringId) {
		return this.jdbc.sql("""
				select id, due_at, period_start, status from delivery where recurring_id = :recurringId
				order by due_at, id
				""")
			.param("recurringId", recurringId)
			.query((rs, row) -> new Occurrence(rs.getString("id"), rs.getObject("due_at", OffsetDateTime.class),
					rs.getObject("period_start", OffsetDateTime.class), DeliveryStatus.valueOf(rs.getString("status"))))
			.list();
	}

	/**
	 * An occurrence whose recurring delivery asks no confirmation before each send: its
	 * starter gave it.
	 */
	void recordStandingConfirmation(String id, String userId) {
		this.jdbc.sql("update delivery set confirmed_by = :userId where id = :id")
			.param("userId", userId)
			.param("id", id)
			.update();
	}

	boolean recordConfirmationDecision(String id, String userId, OffsetDateTime at) {
		return this.jdbc.sql("""
				update delivery set confirmed_by = :userId, updated_at = :at
				where id = :id and status = 'AWAITING_CONFIRMATION'
				""").param("userId", userId).param("at", at).param("id", id).update() == 1;
	}

	private boolean move(String id, DeliveryStatus to, OffsetDateTime at, String alsoSet, Map<String, ?> also) {
		return this.jdbc
			.sql("update delivery set status = :to, updated_at = :at" + alsoSet
					+ " where id = :id and status in (:from)")
			.param("to", to.name())
			.param("at", at)
			.param("id", id)
			.param("from", to.enteredFrom().stream().map(Enum::name).toList())
			.params(also)
			.update() == 1;
	}

	private static Delivery delivery(ResultSet rs, int row) throws SQLException {
		return new Delivery(rs.getString("id"), rs.getString("label"), rs.getString("sender"), rs.getString("subject"),
				rs.getString("html"), rs.getString("plain_text"), rs.getString("audience_id"),
				rs.getBoolean("email_feedback_service"), ApprovalMode.valueOf(rs.getString("approval_mode")),
				rs.getObject("contact_date", OffsetDateTime.class), Duration.parse(rs.getString("validity_period")),
				Duration.parse(rs.getString("retry_period")), rs.getObject("valid_until", OffsetDateTime.class),
				DeliveryStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getString("recurring_id"), rs.getObject("due_at", OffsetDateTime.class),
				rs.getObject("period_start", OffsetDateTime.class), rs.getString("status_reason"),
				rs.getBoolean("tracking"), rs.getObject("paused_at", OffsetDateTime.class), guardLimits(rs),
				rs.getBoolean("guard_released"), rs.getObject("logs_purged_at", OffsetDateTime.class));
	}

}
