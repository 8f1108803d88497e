package org.campaigndelivery.preparation;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.Pages;
import org.campaigndelivery.database.TableStatistics;

import org.springframework.jdbc.core.RowCallbackHandler;
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

	/**
	 * Excludes with reason FATIGUE the recipients left whose address was relayed at least
	 * {@code maxMessages} messages of other deliveries between {@code since} and
	 * {@code at}, counting too the messages queued in deliveries not relayed in full
	 * ({@code stillToRelay}) that go out before {@code until}: a newsletter waiting for
	 * its confirmation presses on the address as much as one sent yesterday. Run after
	 * {@link #insertExclusions}, so that an address already excluded keeps its first
	 * reason; allowlisted addresses pass, as they pass quarantine. Each count is one
	 * index range on the address, so that the audience is never held in memory at once.
	 * @return how many recipients were excluded
	 */
	int insertFatigueExclusions(String deliveryId, String audienceId, int maxMessages, OffsetDateTime since,
			OffsetDateTime at, OffsetDateTime until, Collection<String> stillToRelay) {
		int excluded = this.jdbc.sql("""
				insert into exclusion (delivery_id, member_id, recipient, reason)
				select :deliveryId, m.id, m.address, 'FATIGUE'
				from audience_member m
				left join quarantine q on q.address = m.address
				where m.audience_id = :audienceId
				  and m.address_state = 'VALID'
				  and (q.status is null or q.status <> 'ALLOWLIST')
				  and not exists (select 1 from exclusion e where e.delivery_id = :deliveryId and e.member_id = m.id)
				  and (select count(*) from address_message s
				       where s.address = m.address and s.relayed_at >= :since and s.relayed_at <= :at
				         and s.delivery_id <> :deliveryId)
				    + (select count(*) from address_message p join delivery d on d.id = p.delivery_id
				       where p.address = m.address and p.relayed_at is null and p.delivery_id <> :deliveryId
				         and d.status in (:stillToRelay) and (d.contact_date is null or d.contact_date < :until))
				    >= :maxMessages
				""")
			.param("deliveryId", deliveryId)
			.param("audienceId", audienceId)
			.param("since", since)
			.param("at", at)
			.param("until", until)
			.param("stillToRelay", stillToRelay)
			.param("maxMessages", maxMessages)
			.update();
		this.statistics.refreshAfterLoad("exclusion", excluded);
		return excluded;
	}

	/**
	 * The delivery's exclusions counted by reason, every reason named: as counted before
	 * the cleanup process purged them, once it began to.
	 */
	Map<ExclusionReason, Integer> countExclusionsByReason(String deliveryId) {
		Map<ExclusionReason, Integer> counts = new EnumMap<>(ExclusionReason.class);
		for (ExclusionReason reason : ExclusionReason.values()) {
			counts.put(reason, 0);
		}
		RowCallbackHandler count = (rs) -> counts.put(ExclusionReason.valueOf(rs.getString(1)), rs.getInt(2));
		this.jdbc.sql("select reason, recipients from exclusion_count where delivery_id = :id")
			.param("id", deliveryId)
			.query(count);
		if (counts.values().stream().allMatch((n) -> n == 0)) {
			// not purged, or nothing was ever excluded: the exclusion logs say it all
			this.jdbc.sql("select reason, count(*) from exclusion where delivery_id = :id group by reason")
				.param("id", deliveryId)
				.query(count);
		}
		return counts;
	}

	/**
	 * Deletes the delivery's first exclusion logs, up to the limit; the first call keeps
	 * their counts by reason, in the same transaction. A delivery without exclusions
	 * keeps no count: its logs, none, still say it.
	 * @return how many
	 */
	int purgeExclusions(String deliveryId, int limit) {
		this.jdbc.sql("""
				insert into exclusion_count (delivery_id, reason, recipients)
				select delivery_id, reason, count(*) from exclusion where delivery_id = :id
				  and not exists (select 1 from exclusion_count c where c.delivery_id = :id)
				group by delivery_id, reason
				""").param("id", deliveryId).update();
		return this.jdbc.sql("""
				delete from exclusion where id in (select id from exclusion where delivery_id = :id limit %d)
				""".formatted(limit)).param("id", deliveryId).update();
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
