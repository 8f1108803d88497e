package org.campaigndelivery.database;

import org.campaigndelivery.api.Paging;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Paged queries, written the same way on every table and both databases. */
public final class Pages {

	private Pages() {
	}

	/**
	 * The query cut to the page. It must end with its order by, so that pages never
	 * overlap; binding its own parameters is left to the caller.
	 */
	public static JdbcClient.StatementSpec page(JdbcClient jdbc, String orderedQuery, Paging paging) {
		return jdbc.sql(orderedQuery + " offset :offset rows fetch next :limit rows only")
			.param("offset", paging.offset())
			.param("limit", paging.size());
	}

}
