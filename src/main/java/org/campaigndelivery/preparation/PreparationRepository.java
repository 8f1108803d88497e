package org.campaigndelivery.preparation;

import java.time.OffsetDateTime;
import java.util.List;

import org.campaigndelivery.database.TableStatistics;
import org.campaigndelivery.sending.Slots;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Preparation is set-based: the audience never leaves the database. */
@Repository
class PreparationRepository {

	private static final String EARLIER_OCCURRENCE = """
			exists (select 1 from audience_member f
			        where f.audience_id = m.audience_id and f.address_key = m.address_key and f.line_no < m.line_no)""";

	private final JdbcClient jdbc;

	private final TableStatistics statistics;

	PreparationRepository(JdbcClient jdbc, TableStatistics statistics) {
		this.jdbc = jdbc;
		this.statistics = statistics;
	}

	/**
	 * Forgets an earlier, interrupted preparation of the delivery so that it can run
	 * again.
	 */
	void clear(String deliveryId) {
		for (String table : List.of("sending_log", "exclusion", "preparation_finding")) {
			this.jdbc.sql("delete from " + table + " where delivery_id = :id").param("id", deliveryId).update();
		}
	}

	int countTargeted(String audienceId) {
		return this.jdbc.sql("select count(*) from audience_member where audience_id = :id")
			.param("id", audienceId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Excludes, in this order of precedence: empty and invalid addresses, every
	 * occurrence of an address after its first (ignoring case), quarantined and
	 * denylisted addresses. Allowlisted addresses pass. An earlier occurrence is one
	 * index lookup per recipient, so that the audience is never held in memory at once.
	 * @return how many recipients were excluded
	 */
	int insertExclusions(String deliveryId, String audienceId) {
		int excluded = this.jdbc.sql("""
				insert into exclusion (delivery_id, member_id, recipient, reason)
				select :deliveryId, m.id, m.address,
				  case when m.address_state = 'EMPTY' then 'EMPTY_ADDRESS'
				       when m.address_state = 'INVALID' then 'INVALID_ADDRESS'
				       when %1$s then 'DUPLICATE'
				       when q.status = 'DENYLIST' then 'DENYLISTED'
				       else 'QUARANTINED' end
				from audience_member m
				left join quarantine q on q.address = m.address
				where m.audience_id = :audienceId
				  and (m.address_state <> 'VALID' or q.status in ('QUARANTINE', 'DENYLIST') or %1$s)
				""".formatted(EARLIER_OCCURRENCE))
			.param("deliveryId", deliveryId)
			.param("audienceId", audienceId)
			.update();
		this.statistics.refreshAfterLoad("exclusion", excluded);
		return excluded;
	}

	/**
	 * Queues one sending log for every targeted recipient that was not excluded, each in
	 * its slot.
	 */
	int insertSendingLogs(String deliveryId, String audienceId, OffsetDateTime at) {
		int queued = this.jdbc.sql("""
				insert into sending_log (delivery_id, member_id, recipient, status, relay_state, attempts, slot,
				  updated_at)
				select :deliveryId, m.id, m.address, 'PENDING', 'QUEUED', 0, mod(m.id / :run, :slots), :at
				from audience_member m
				where m.audience_id = :audienceId
				  and not exists (select 1 from exclusion e where e.delivery_id = :deliveryId and e.member_id = m.id)
				order by m.audience_id, m.line_no
				""")
			.param("deliveryId", deliveryId)
			.param("audienceId", audienceId)
			.param("run", Slots.RUN)
			.param("slots", Slots.COUNT)
			.param("at", at)
			.update();
		// The lanes' reads are planned on these statistics.
		this.statistics.refreshAfterLoad("sending_log", queued);
		return queued;
	}

	void insertFindings(String deliveryId, List<Finding> findings) {
		for (Finding f : findings) {
			this.jdbc.sql("""
					insert into preparation_finding (delivery_id, severity, rule, message)
					values (:id, :severity, :rule, :message)
					""")
				.param("id", deliveryId)
				.param("severity", f.severity().name())
				.param("rule", f.rule())
				.param("message", f.message().length() > 1000 ? f.message().substring(0, 1000) : f.message())
				.update();
		}
	}

	List<Finding> findings(String deliveryId) {
		return this.jdbc
			.sql("select severity, rule, message from preparation_finding where delivery_id = :id order by id")
			.param("id", deliveryId)
			.query((rs, row) -> new Finding(Finding.Severity.valueOf(rs.getString("severity")), rs.getString("rule"),
					rs.getString("message")))
			.list();
	}

	int countExclusions(String deliveryId) {
		return this.jdbc.sql("select count(*) from exclusion where delivery_id = :id")
			.param("id", deliveryId)
			.query(Integer.class)
			.single();
	}

	List<Exclusion> exclusions(String deliveryId, int offset, int limit) {
		return this.jdbc.sql("""
				select recipient, reason from exclusion where delivery_id = :id
				order by id offset :offset rows fetch next :limit rows only
				""")
			.param("id", deliveryId)
			.param("offset", offset)
			.param("limit", limit)
			.query((rs, row) -> new Exclusion(rs.getString("recipient"),
					ExclusionReason.valueOf(rs.getString("reason"))))
			.list();
	}

	record Exclusion(String recipient, ExclusionReason reason) {
	}

}
