package org.campaigndelivery.tracking;

import java.time.OffsetDateTime;
import java.util.List;

import org.campaigndelivery.database.SharedSecrets;
import org.campaigndelivery.database.InLists;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TrackingRepository {

	/**
	 * Deletes the first hits before the given time, up to the limit, but those of
	 * deliveries whose opens and clicks are still recounted.
	 * @return how many
	 */
	int purgeBefore(OffsetDateTime before, List<String> stillCounted, int limit) {
		String counted = stillCounted.isEmpty() ? "" : " and delivery_id not in " + InLists.strings(stillCounted);
		return this.jdbc
			.sql("""
					delete from tracking_hit where id in (select id from tracking_hit where at < :before%s order by at limit %d)
					"""
				.formatted(counted, limit))
			.param("before", before)
			.update();
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final SharedSecrets secrets;

	TrackingRepository(JdbcClient jdbc, JdbcTemplate template, SharedSecrets secrets) {
		this.jdbc = jdbc;
		this.template = template;
		this.secrets = secrets;
	}

	/** The stored key, storing the candidate first when there is none. */
	String key(String candidate, OffsetDateTime at) {
		return this.secrets.shared(
				() -> this.jdbc.sql("select secret from tracking_key where id = 1").query(String.class).optional(),
				() -> this.jdbc.sql("insert into tracking_key (id, secret, created_at) values (1, :secret, :at)")
					.param("secret", candidate)
					.param("at", at)
					.update());
	}

	/** One statement for the whole batch. */
	void insert(List<Hit> hits) {
		this.template.batchUpdate("""
				insert into tracking_hit (delivery_id, log_id, kind, url, user_agent, at, flag)
				values (?, ?, ?, ?, ?, ?, ?)
				""", hits, hits.size(), (ps, hit) -> {
			ps.setString(1, hit.deliveryId());
			ps.setLong(2, hit.logId());
			ps.setString(3, hit.kind().name());
			ps.setString(4, hit.url());
			ps.setString(5, hit.userAgent());
			ps.setObject(6, hit.at());
			ps.setString(7, hit.flag() == null ? null : hit.flag().name());
		});
	}

	/**
	 * Unique opens (messages with a counted open or click: a click implies an open) and
	 * unique clicks of a delivery.
	 */
	Engagement engagement(String deliveryId) {
		return this.jdbc.sql("""
				select count(distinct log_id) as opens,
				  count(distinct case when kind = 'CLICK' then log_id end) as clicks
				from tracking_hit where delivery_id = :id and flag is null
				""")
			.param("id", deliveryId)
			.query((rs, row) -> new Engagement(rs.getInt("opens"), rs.getInt("clicks")))
			.single();
	}

	/** Counted opens and clicks of each message, for the recipient's history. */
	List<Engagement.OfMessage> engagementOf(List<Long> logIds) {
		if (logIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select log_id, sum(case when kind = 'OPEN' then 1 else 0 end) as opens,
				  sum(case when kind = 'CLICK' then 1 else 0 end) as clicks
				from tracking_hit where log_id in %s and flag is null group by log_id
				""".formatted(InLists.numbers(logIds)))
			.query((rs, row) -> new Engagement.OfMessage(rs.getLong("log_id"), rs.getInt("opens"), rs.getInt("clicks")))
			.list();
	}

}
