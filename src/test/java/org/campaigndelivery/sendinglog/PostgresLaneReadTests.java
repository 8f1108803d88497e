package org.campaigndelivery.sendinglog;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.PostgresTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lane's job runs in a transaction that lasts while it relays and records its batches
 * (each record in a transaction of its own). Had its read of the next batch left a lock
 * on the logs in that transaction, the cleanup's detach of a month would wait for the
 * job, and the job's record for the detach: neither would ever go on.
 */
// Profiles come from the first annotation that declares them: PostgresTest's.
@PostgresTest
@ApplicationTest
class PostgresLaneReadTests {

	@Autowired
	SendingLogs logs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void shouldLeaveNoLockOnTheLogsInTheTransactionOfTheLanesJob() {
		Long locks = this.transactions.execute((status) -> {
			this.logs.nextBatch("no-such-delivery", Slots.ofLane(0, 4), 10);
			return this.jdbc.sql("""
					select count(*) from pg_locks where pid = pg_backend_pid()
					and relation in (select oid from pg_class where relname like 'sending\\_log%')
					""").query(Long.class).single();
		});

		assertThat(locks).isZero();
	}

}
