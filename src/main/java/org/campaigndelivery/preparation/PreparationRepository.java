package org.campaigndelivery.preparation;

import java.util.List;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.Pages;
import org.campaigndelivery.database.TableStatistics;

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
		for (String table : List.of("exclusion", "preparation_finding")) {
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

	List<Exclusion> exclusions(String deliveryId, Paging paging) {
		return Pages.page(this.jdbc, """
				select recipient, reason from exclusion where delivery_id = :id
				order by id""", paging)
			.param("id", deliveryId)
			.query((rs, row) -> new Exclusion(rs.getString("recipient"),
					ExclusionReason.valueOf(rs.getString("reason"))))
			.list();
	}

	record Exclusion(String recipient, ExclusionReason reason) {
	}

}
