package org.campaigndelivery.bounce;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.SharedSecrets;
import org.campaigndelivery.database.Pages;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class BounceRepository {

	/**
	 * Deletes the first reports received before the given time, up to the limit.
	 * @return how many
	 */
	int purgeReportsBefore(OffsetDateTime before, int limit) {
		return this.jdbc.sql("""
				delete from inbound_report where id in
				  (select id from inbound_report where received_at < :before order by received_at limit %d)
				""".formatted(limit)).param("before", before).update();
	}

	private final JdbcClient jdbc;

	private final SharedSecrets secrets;

	BounceRepository(JdbcClient jdbc, SharedSecrets secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	Optional<InboundReport> report(String id) {
		return this.jdbc.sql(SELECT + "where id = :id").param("id", id).query(BounceRepository::report).optional();
	}

	/** Records the report unless it is recorded already. */
	void insert(InboundReport report) {
		try {
			this.jdbc.sql("""
					insert into inbound_report (id, source, kind, outcome, events, message_id, detail, received_at)
					values (:id, :source, :kind, :outcome, :events, :messageId, :detail, :at)
					""")
				.param("id", report.id())
				.param("source", report.source().name())
				.param("kind", report.kind().name())
				.param("outcome", report.outcome().name())
				.param("events", report.events())
				.param("messageId", report.messageId())
				.param("detail", report.detail())
				.param("at", report.receivedAt())
				.update();
		}
		catch (DuplicateKeyException ex) {
			// recorded by an earlier read of the same report
		}
	}

	List<InboundReport> reports(InboundReport.Outcome outcome, Paging paging) {
		JdbcClient.StatementSpec page = Pages.page(this.jdbc,
				SELECT + ((outcome == null) ? "" : "where outcome = :outcome ") + "order by received_at desc, id",
				paging);
		if (outcome != null) {
			page = page.param("outcome", outcome.name());
		}
		return page.query(BounceRepository::report).list();
	}

	/** The key that signs VERP tokens, storing the candidate first when there is none. */
	String key(String candidate, OffsetDateTime at) {
		return this.secrets.shared(
				() -> this.jdbc.sql("select secret from bounce_key where id = 1").query(String.class).optional(),
				() -> this.jdbc.sql("insert into bounce_key (id, secret, created_at) values (1, :secret, :at)")
					.param("secret", candidate)
					.param("at", at)
					.update());
	}

	/**
	 * Takes the mailbox lease for this node until the given time, when it has run out or
	 * is this node's already.
	 */
	boolean lease(String holder, OffsetDateTime now, OffsetDateTime until) {
		int taken = this.jdbc
			.sql("update bounce_mailbox_lease set holder = :holder, lease_until = :until "
					+ "where id = 1 and (lease_until <= :now or holder = :holder)")
			.param("holder", holder)
			.param("until", until)
			.param("now", now)
			.update();
		if (taken == 1) {
			return true;
		}
		try {
			return this.jdbc
				.sql("insert into bounce_mailbox_lease (id, holder, lease_until) values (1, :holder, :until)")
				.param("holder", holder)
				.param("until", until)
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private static final String SELECT = """
			select id, source, kind, outcome, events, message_id, detail, received_at from inbound_report
			""";

	private static InboundReport report(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new InboundReport(rs.getString(1), InboundReport.Source.valueOf(rs.getString(2)),
				InboundReport.Kind.valueOf(rs.getString(3)), InboundReport.Outcome.valueOf(rs.getString(4)),
				rs.getInt(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class));
	}

}
