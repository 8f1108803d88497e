package org.campaigndelivery.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.database.Pages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AlertRepository {

	private final JdbcClient jdbc;

	AlertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the alert unless the delivery has one of its kind. The unique key still
	 * refuses a second one that a transaction not yet committed stores at the same time:
	 * the caller then gets a DuplicateKeyException.
	 * @return whether this call stored it
	 */
	boolean insertOnce(String deliveryId, AlertKind kind, String message, OffsetDateTime at) {
		return this.jdbc.sql("""
				insert into alert (delivery_id, kind, message, raised_at)
				select :deliveryId, :kind, :message, :at from (values (1)) as once (x)
				where not exists (select 1 from alert where delivery_id = :deliveryId and kind = :kind)
				""")
			.param("deliveryId", deliveryId)
			.param("kind", kind.name())
			.param("message", message)
			.param("at", at)
			.update() == 1;
	}

	/** The delivery as an alert names it, and the address its mail goes out from. */
	record AlertedDelivery(String id, String name, String sender) {
	}

	Optional<AlertedDelivery> delivery(String deliveryId) {
		return this.jdbc.sql("select id, label, sender from delivery where id = :id")
			.param("id", deliveryId)
			.query((rs, row) -> new AlertedDelivery(rs.getString("id"), rs.getString("label"), rs.getString("sender")))
			.optional();
	}

	/** Newest first, of every delivery or of one. */
	List<Alert> list(String deliveryId, Paging paging) {
		String where = (deliveryId == null) ? "" : "where a.delivery_id = :deliveryId ";
		JdbcClient.StatementSpec statement = Pages.page(this.jdbc, """
				select a.delivery_id, d.label, a.kind, a.message, a.raised_at
				from alert a join delivery d on d.id = a.delivery_id
				""" + where + "order by a.raised_at desc, a.id desc", paging);
		if (deliveryId != null) {
			statement = statement.param("deliveryId", deliveryId);
		}
		return statement.query(AlertRepository::alert).list();
	}

	private static Alert alert(ResultSet rs, int row) throws SQLException {
		return new Alert(rs.getString("delivery_id"), rs.getString("label"), AlertKind.valueOf(rs.getString("kind")),
				rs.getString("message"), rs.getObject("raised_at", OffsetDateTime.class));
	}

}
