package org.campaigndelivery.sendinglog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.Pages;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sending logs as the API, the pages and the proof read them: counts, pages of logs,
 * the timeline, a recipient's history. Nothing here changes a log; the transitions are
 * {@link SendingLogRepository}'s.
 */
@Repository
class SendingLogReads {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final LogMonths months;

	SendingLogReads(JdbcClient jdbc, JdbcTemplate jdbcTemplate, LogMonths months) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.months = months;
	}

	/**
	 * The Message-ID of a log that was relayed: stored, or the one of {@link MessageIds}.
	 */
	private static String messageId(String stored, long logId, String deliveryId, String sender, int attempts) {
		return (stored != null || attempts == 0 || sender == null) ? stored : MessageIds.of(logId, deliveryId, sender);
	}

	/**
	 * Counts the delivery's logs. Every log is counted once by the narrowest index that
	 * holds the delivery, and only the logs not Sent once more, by ranges of the state
	 * index: a delivery is mostly Sent, and reading each entry's status, as a group by
	 * would, takes twice as long as counting. On PostgreSQL in the delivery's month
	 * alone.
	 */
	LogCounts count(String deliveryId) {
		String month = this.months.of(deliveryId);
		int logs = this.jdbc.sql("select count(*) from sending_log where delivery_id = :id" + month)
			.param("id", deliveryId)
			.query(Integer.class)
			.single();
		int pending = count(deliveryId, "status = 'PENDING'" + month);
		int failed = count(deliveryId, "status = 'FAILED'" + month);
		int queued = count(deliveryId, "status = 'PENDING' and relay_state = 'QUEUED'" + month);
		int hardBounces = count(deliveryId, "status = 'FAILED' and failure_type = 'HARD'" + month);
		// a range of the complaint index, which seeks past the logs never complained of
		int complaints = this.jdbc
			.sql("select count(*) from sending_log where delivery_id = :id and complained_at >= :epoch" + month)
			.param("id", deliveryId)
			.param("epoch", OffsetDateTime.parse("1970-01-01T00:00:00Z"))
			.query(Integer.class)
			.single();
		return new LogCounts(logs, queued, logs - pending - failed, failed, hardBounces, complaints);
	}

	boolean anyQueued(String deliveryId) {
		return !this.jdbc.sql("""
				select id from sending_log
				where delivery_id = :id and status = 'PENDING' and relay_state = 'QUEUED' fetch first 1 rows only
				""").param("id", deliveryId).query(Long.class).list().isEmpty();
	}

	List<FailureCount> failureReasons(String deliveryId, int limit) {
		// The status index holds the failed logs together: the group by reads those only.
		return this.jdbc.sql("""
				select failure_reason, failure_type, count(*) as failures from sending_log
				where delivery_id = :id and status = 'FAILED'
				group by failure_reason, failure_type order by failures desc, failure_reason, failure_type
				""")
			.param("id", deliveryId)
			.query((rs, row) -> new FailureCount(enumOrNull(FailureReason.class, rs.getString("failure_reason")),
					enumOrNull(FailureType.class, rs.getString("failure_type")), rs.getInt("failures")))
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
		return (name == null) ? null : Enum.valueOf(type, name);
	}

	private int count(String deliveryId, String range) {
		return this.jdbc.sql("select count(*) from sending_log where delivery_id = :id and " + range)
			.param("id", deliveryId)
			.query(Integer.class)
			.single();
	}

	List<LogView> logs(String deliveryId, LogStatus status, Paging paging) {
		// In the order of the index that serves the query, so that neither database sorts
		// the delivery's logs to find a page: by status, then as the lanes relay them.
		JdbcClient.StatementSpec statement = Pages
			.page(this.jdbc, """
					select id, recipient, message_id, status, failure_type, failure_reason, attempts, updated_at,
					  delay_warnings, delayed_at, delay_notice
					from sending_log where delivery_id = :id""" + ((status == null) ? "" : " and status = :status")
					+ " order by delivery_id, status, relay_state, slot, id", paging)
			.param("id", deliveryId);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		String sender = this.jdbc.sql("select sender from delivery where id = :id")
			.param("id", deliveryId)
			.query(String.class)
			.optional()
			.orElse(null);
		return statement.query((rs, row) -> new LogView(rs.getString("recipient"),
				messageId(rs.getString("message_id"), rs.getLong("id"), deliveryId, sender, rs.getInt("attempts")),
				LogStatus.valueOf(rs.getString("status")), rs.getString("failure_type"), rs.getString("failure_reason"),
				rs.getInt("attempts"), rs.getObject("updated_at", OffsetDateTime.class), warning(rs)))
			.list();
	}

	/**
	 * When a log reached SENT or FAILED: at the MTA's event that settled it, or else at
	 * its relay (a relay the MTA refused, a delivery without feedback); updated_at, which
	 * any later delay warning or retry moves, only for a log that has neither.
	 */
	private static final String OUTCOME_AT = "coalesce(last_event_at, relayed_at, updated_at)";

	/**
	 * The delivery's logs counted per unit: relayed at their relay, delivered and failed
	 * at their outcome. At most a few hundred rows whatever the audience, since the unit
	 * grows with the span.
	 */
	Timeline timeline(String deliveryId) {
		List<OffsetDateTime> bounds = new ArrayList<>(4);
		this.jdbc.sql("select min(relayed_at), max(relayed_at) from sending_log where delivery_id = :id")
			.param("id", deliveryId)
			.query((RowCallbackHandler) (rs) -> bounds(rs, bounds));
		this.jdbc
			.sql("select min(" + OUTCOME_AT + "), max(" + OUTCOME_AT + ") from sending_log"
					+ " where delivery_id = :id and status in ('SENT', 'FAILED')")
			.param("id", deliveryId)
			.query((RowCallbackHandler) (rs) -> bounds(rs, bounds));
		if (bounds.isEmpty()) {
			return new Timeline("SECOND", List.of());
		}
		String unit = TimelineUnits.unitFor(bounds.stream().min(OffsetDateTime::compareTo).orElseThrow(),
				bounds.stream().max(OffsetDateTime::compareTo).orElseThrow());
		// The unit is one of four constants, never the caller's text.
		String relayed = "date_trunc('" + unit + "', relayed_at)";
		String outcome = "date_trunc('" + unit + "', " + OUTCOME_AT + ")";
		Map<OffsetDateTime, long[]> counts = new TreeMap<>();
		this.jdbc
			.sql("select " + relayed + ", count(*) from sending_log"
					+ " where delivery_id = :id and relayed_at is not null group by " + relayed)
			.param("id", deliveryId)
			.query(rs -> {
				long[] row = counts.computeIfAbsent(utc(rs.getObject(1, OffsetDateTime.class)), (at) -> new long[3]);
				row[0] += rs.getLong(2);
			});
		this.jdbc
			.sql("select " + outcome + ", status, count(*) from sending_log"
					+ " where delivery_id = :id and status in ('SENT', 'FAILED') group by " + outcome + ", status")
			.param("id", deliveryId)
			.query(rs -> {
				long[] row = counts.computeIfAbsent(utc(rs.getObject(1, OffsetDateTime.class)), (at) -> new long[3]);
				row["SENT".equals(rs.getString(2)) ? 1 : 2] += rs.getLong(3);
			});
		return TimelineUnits.cumulate(unit, counts);
	}

	private static void bounds(ResultSet rs, List<OffsetDateTime> bounds) throws SQLException {
		for (int column = 1; column <= 2; column++) {
			OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
			if (at != null) {
				bounds.add(at);
			}
		}
	}

	/** Both queries' units on one clock, so that the same instant is one point. */
	private static OffsetDateTime utc(OffsetDateTime at) {
		return at.withOffsetSameInstant(ZoneOffset.UTC);
	}

	/**
	 * What personalises the message of one recipient of the delivery, or of its first
	 * recipient when none is named.
	 */
	Optional<QueuedMessage> sample(String deliveryId, String recipient) {
		List<long[]> ids = new ArrayList<>();
		List<String[]> texts = new ArrayList<>();
		JdbcClient.StatementSpec statement = (recipient == null) ? this.jdbc.sql("""
				select id, member_id, message_id, recipient from sending_log where delivery_id = :id
				order by delivery_id, status, relay_state, slot, id fetch first 1 rows only""") : this.jdbc.sql("""
				select id, member_id, message_id, recipient from sending_log
				where recipient = :recipient and delivery_id = :id order by id fetch first 1 rows only""")
			.param("recipient", recipient);
		statement.param("id", deliveryId).query(rs -> {
			ids.add(new long[] { rs.getLong(1), rs.getLong(2) });
			texts.add(new String[] { rs.getString(3), rs.getString(4) });
		});
		if (ids.isEmpty()) {
			return Optional.empty();
		}
		String[] member = new String[3];
		this.jdbc.sql("select first_name, last_name, attributes from audience_member where id = :id")
			.param("id", ids.get(0)[1])
			.query(rs -> {
				member[0] = rs.getString(1);
				member[1] = rs.getString(2);
				member[2] = rs.getString(3);
			});
		return Optional
			.of(new QueuedMessage(ids.get(0)[0], texts.get(0)[0], texts.get(0)[1], member[0], member[1], member[2]));
	}

	Optional<String> recipientOf(long logId) {
		return this.jdbc.sql("select recipient from sending_log where id = :id")
			.param("id", logId)
			.query(String.class)
			.optional();
	}

	List<RecipientLog> history(String address, Paging paging) {
		return Pages.page(this.jdbc, """
				select l.id, l.delivery_id, l.message_id, d.sender, l.status, l.failure_type, l.failure_reason,
				  l.attempts, l.relayed_at, l.updated_at, l.delay_warnings, l.delayed_at, l.delay_notice
				from sending_log l join delivery d on d.id = l.delivery_id
				where l.recipient = :address order by l.id desc""", paging)
			.param("address", address)
			.query((rs, row) -> new RecipientLog(rs.getLong("id"), rs.getString("delivery_id"),
					messageId(rs.getString("message_id"), rs.getLong("id"), rs.getString("delivery_id"),
							rs.getString("sender"), rs.getInt("attempts")),
					LogStatus.valueOf(rs.getString("status")), rs.getString("failure_type"),
					rs.getString("failure_reason"), rs.getInt("attempts"),
					rs.getObject("relayed_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
					warning(rs)))
			.list();
	}

	/**
	 * The deliveries sending since before the time (the delivery's last change is its
	 * entry into SENDING, by its start or a resume) whose logs had no relay since then.
	 * Not exists stops at the first recent relay, so a delivery that relays costs little.
	 */
	List<String> sendingWithoutRelaySince(OffsetDateTime since) {
		return this.jdbc.sql("""
				select d.id from delivery d
				where d.status = 'SENDING' and d.updated_at < :since
				  and not exists (select 1 from sending_log l where l.delivery_id = d.id and l.relayed_at >= :since)
				order by d.id""").param("since", since).query(String.class).list();
	}

	private static DelayWarning warning(ResultSet rs) throws SQLException {
		int count = rs.getInt("delay_warnings");
		return (count == 0) ? null : new DelayWarning(count, rs.getObject("delayed_at", OffsetDateTime.class),
				rs.getString("delay_notice"));
	}

}
