package org.campaigndelivery.recurring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.Pages;
import org.campaigndelivery.delivery.ApprovalMode;
import org.campaigndelivery.delivery.GuardLimits;
import org.campaigndelivery.delivery.NewDelivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Status changes move a recurring delivery only while it is ACTIVE. */
@Repository
class RecurringRepository {

	private final JdbcClient jdbc;

	RecurringRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(RecurringDelivery r) {
		NewDelivery t = r.template();
		this.jdbc
			.sql("""
					insert into recurring_delivery (id, label, sender, subject, html, plain_text, audience_id, email_feedback_service,
					  approval_mode, validity_period, retry_period, schedule, time_zone, until, aggregation_period,
					  confirm_before_send, status, created_by, created_at, updated_at, tracking)
					values (:id, :label, :sender, :subject, :html, :text, :audienceId, :efs, :approvalMode, :validity, :retry,
					  :schedule, :timeZone, :until, :aggregation, :confirm, :status, :createdBy, :createdAt, :createdAt, :tracking)
					""")
			.param("id", r.id())
			.param("label", t.label())
			.param("sender", t.from())
			.param("subject", t.subject())
			.param("html", t.html())
			.param("text", t.text())
			.param("audienceId", t.audienceId())
			.param("efs", t.emailFeedbackService())
			.param("approvalMode", t.approvalMode().name())
			.param("validity", t.validityPeriod().toString())
			.param("retry", t.retryPeriod().toString())
			.param("schedule", r.schedule())
			.param("timeZone", r.timeZone().getId())
			.param("until", r.until())
			.param("aggregation", r.aggregationPeriod())
			.param("confirm", r.confirmBeforeSend())
			.param("status", r.status().name())
			.param("createdBy", r.createdBy())
			.param("createdAt", r.createdAt())
			.param("tracking", t.tracking())
			.update();
	}

	Optional<RecurringDelivery> find(String id) {
		return this.jdbc.sql("select * from recurring_delivery where id = :id")
			.param("id", id)
			.query(RecurringRepository::recurring)
			.optional();
	}

	List<RecurringDelivery> list(Paging paging) {
		return Pages.page(this.jdbc, "select * from recurring_delivery order by created_at desc, id", paging)
			.query(RecurringRepository::recurring)
			.list();
	}

	/** The first planned occurrence also starts the first aggregation period. */
	boolean recordNextRun(String id, OffsetDateTime nextRun, OffsetDateTime at) {
		return this.jdbc.sql("""
				update recurring_delivery set next_run = :nextRun, first_run = coalesce(first_run, :nextRun),
				  updated_at = :at
				where id = :id and status = 'ACTIVE'
				""").param("nextRun", nextRun).param("at", at).param("id", id).update() == 1;
	}

	boolean markEnded(String id, OffsetDateTime at) {
		return this.jdbc.sql("""
				update recurring_delivery set status = 'ENDED', next_run = null, updated_at = :at
				where id = :id and status = 'ACTIVE'
				""").param("at", at).param("id", id).update() == 1;
	}

	boolean markCancelled(String id, String userId, OffsetDateTime at) {
		return this.jdbc.sql("""
				update recurring_delivery set status = 'CANCELLED', next_run = null, cancelled_by = :userId,
				  updated_at = :at
				where id = :id and status = 'ACTIVE'
				""").param("userId", userId).param("at", at).param("id", id).update() == 1;
	}

	private static RecurringDelivery recurring(ResultSet rs, int row) throws SQLException {
		NewDelivery template = new NewDelivery(rs.getString("label"), rs.getString("sender"), rs.getString("subject"),
				rs.getString("html"), rs.getString("plain_text"), null, rs.getString("audience_id"),
				rs.getBoolean("email_feedback_service"), ApprovalMode.valueOf(rs.getString("approval_mode")), null,
				Duration.parse(rs.getString("validity_period")), Duration.parse(rs.getString("retry_period")),
				rs.getBoolean("tracking"), GuardLimits.NONE);
		return new RecurringDelivery(rs.getString("id"), template, rs.getString("schedule"),
				ZoneId.of(rs.getString("time_zone")), rs.getObject("until", OffsetDateTime.class),
				rs.getString("aggregation_period"), rs.getBoolean("confirm_before_send"),
				RecurringStatus.valueOf(rs.getString("status")), rs.getObject("first_run", OffsetDateTime.class),
				rs.getObject("next_run", OffsetDateTime.class), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getString("cancelled_by"));
	}

}
