package org.campaigndelivery.database;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.PostgresTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first lanes of the first send ask for the signing keys at once, each in its job's
 * transaction: the one whose candidate loses must read the winner's and go on, not fail
 * its job (on PostgreSQL a refused insert aborts the transaction it ran in).
 */
// Profiles come from the first annotation that declares them: PostgresTest's.
@PostgresTest
@ApplicationTest
class PostgresSharedSecretsTests {

	@Autowired
	SharedSecrets secrets;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@BeforeEach
	void createTable() {
		this.jdbc.sql("create table if not exists shared_secret_race (id int primary key, secret varchar(64))")
			.update();
		this.jdbc.sql("delete from shared_secret_race").update();
	}

	@AfterEach
	void dropTable() {
		this.jdbc.sql("drop table shared_secret_race").update();
	}

	@Test
	void shouldLetTheTransactionWhoseCandidateLostReadTheWinnersSecretAndCommit() throws Exception {
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		CountDownLatch firstStored = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> transaction.execute((tx) -> {
			String secret = secret("first");
			firstStored.countDown();
			waitFor(releaseFirst);
			return secret;
		}));
		assertThat(firstStored.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> transaction.execute((tx) -> {
			String secret = secret("second");
			// the transaction is still usable: this statement runs and the whole commits
			this.jdbc.sql("update shared_secret_race set secret = secret where id = 1").update();
			return secret;
		}));
		// The second insert waits for the first transaction to end, then is refused.
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
		releaseFirst.countDown();

		assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
		assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("first");
		assertThat(this.jdbc.sql("select secret from shared_secret_race").query(String.class).list())
			.containsExactly("first");
	}

	private String secret(String candidate) {
		return this.secrets.shared(
				() -> this.jdbc.sql("select secret from shared_secret_race where id = 1")
					.query(String.class)
					.optional(),
				() -> this.jdbc.sql("insert into shared_secret_race (id, secret) values (1, :secret)")
					.param("secret", candidate)
					.update());
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
