package org.campaigndelivery.alert;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.PostgresTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Alerts on PostgreSQL, the database of a cluster: there two nodes may raise the same
 * alert at once, and a refused insert would abort the job's transaction but for its
 * savepoint.
 */
@PostgresTest
class PostgresAlertTests extends AlertTests {

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void shouldRaiseOnceWhenTwoNodesRaiseAtOnceAndLeaveTheOtherTransactionWhole() throws Exception {
		String id = created(delivery());
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		CountDownLatch firstRaised = new CountDownLatch(1);
		CountDownLatch firstMayCommit = new CountDownLatch(1);
		CompletableFuture<Boolean> first = new CompletableFuture<>();
		CompletableFuture<Boolean> second = new CompletableFuture<>();
		Thread firstNode = node(first, () -> transaction.execute((tx) -> {
			boolean raised = this.alerts.raise(id, AlertKind.STALLED, "first node");
			firstRaised.countDown();
			awaitQuietly(firstMayCommit);
			return raised;
		}));
		// the second stores its own work after the refused insert, in the same
		// transaction
		Thread secondNode = node(second, () -> transaction.execute((tx) -> {
			boolean raised = this.alerts.raise(id, AlertKind.STALLED, "second node");
			this.alerts.raise(id, AlertKind.AUTO_PAUSED, "after it");
			return raised;
		}));

		firstNode.start();
		assertThat(firstRaised.await(20, TimeUnit.SECONDS)).isTrue();
		secondNode.start();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(this::secondWaitsForTheFirst);
		firstMayCommit.countDown();

		assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
		assertThat(second.get(20, TimeUnit.SECONDS)).isFalse();
		assertThat(this.jdbcClient.sql("select kind || ':' || message from alert where delivery_id = :id order by kind")
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("AUTO_PAUSED:after it", "STALLED:first node");
	}

	/**
	 * Whether the second node's insert waits for the first's row, not committed yet: H2
	 * tries the insert again every few milliseconds, sleeping between.
	 */
	protected boolean waitsForTheFirst(Thread secondNode) {
		Thread.State state = secondNode.getState();
		return state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING || state == Thread.State.TERMINATED;
	}

	private static Thread node(CompletableFuture<Boolean> outcome, Supplier<Boolean> work) {
		return new Thread(() -> {
			try {
				outcome.complete(work.get());
			}
			catch (RuntimeException ex) {
				outcome.completeExceptionally(ex);
			}
		});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** PostgreSQL holds the second insert on the first's row until that one commits. */
	private boolean secondWaitsForTheFirst() {
		return this.jdbcClient.sql("""
				select count(*) from pg_stat_activity
				where wait_event_type = 'Lock' and query like 'insert into alert%'
				""").query(Integer.class).single() > 0;
	}

}
