package org.campaigndelivery.retention;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.PostgresTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/** The data lifecycle, on PostgreSQL, where the logs go a month at a time. */
@PostgresTest
class PostgresDataCleanupTests extends DataCleanupTests {

	/** Far enough ahead that no other test queues logs in that month. */
	private static final Duration AHEAD = Duration.ofDays(1000);

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aMonthWhoseDeliveriesAllEndedGoesWholeByDroppingItsPartitions() {
		this.clock.advance(AHEAD);
		YearMonth month = YearMonth.from(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC));
		String ann = fresh("ann");
		String bea = fresh("bea");
		String ended = this.flow.relay(delivery().with("recipients",
				List.of(Map.of("email", ann), Map.of("email", bea), Map.of("email", "not an address"))));
		this.flow.event(ended, bea, "HARD_BOUNCE", "550 5.1.1 User unknown");
		this.flow.endValidity(ended);
		Api reader = this.flow.as("preparer");
		JsonNode kpisBefore = reader.get("/api/deliveries/" + ended).json().get("kpis");
		List<String> messageIds = new ArrayList<>();
		reader.get("/api/deliveries/" + ended + "/logs")
			.json()
			.forEach((l) -> messageIds.add(l.get("messageId").asText()));
		String logs = partition("sending_log", month);
		String events = partition("mta_event", month);
		assertThat(count("select count(*) from " + logs + " where delivery_id in (:ids)", List.of(ended)))
			.as("its logs are in their month's partition")
			.isEqualTo(2);
		assertThat(count("select count(*) from " + events + " where message_id in (:ids)", messageIds))
			.as("their events with them")
			.isPositive();

		this.clock.advance(LONGER_THAN_RETENTION);
		String runId = this.flow.as("demo").post("/api/maintenance/cleanup", Map.of()).json().get("id").asText();
		runToTheEnd(runId);

		assertThat(count("select count(*) from pg_class where relname in (:ids)", List.of(logs, events)))
			.as("the month's partitions are dropped")
			.isZero();
		JsonNode purged = reader.get("/api/deliveries/" + ended).json();
		assertThat(purged.get("logsPurgedAt").isNull()).isFalse();
		assertThat(purged.get("kpis")).isEqualTo(kpisBefore);
		assertThat(reader.get("/api/deliveries/" + ended + "/logs").json()).isEmpty();
		assertThat(reader.get("/api/deliveries/" + ended + "/exclusions").json()).isEmpty();
		assertThat(reader.get("/api/deliveries/" + ended + "/preparation")
			.json()
			.get("excludedByReason")
			.get("INVALID_ADDRESS")
			.asInt()).isOne();
		assertThat(reader.post("/api/deliveries/" + ended + "/compute-stats", Map.of()).code()).isEqualTo(409);
		JsonNode counts = run(runId).get("purged");
		assertThat(counts.get("sendingLogs").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(counts.get("mtaEvents").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(counts.get("exclusions").asLong()).isGreaterThanOrEqualTo(1);

		// the months ahead are there, and a new delivery goes as ever
		String next = this.flow.relay(delivery().with("recipients", List.of(Map.of("email", ann))));
		assertThat(reader.post("/api/deliveries/" + next + "/compute-stats", Map.of()).json().get("sent").asInt())
			.isOne();
	}

	/**
	 * A preparation queues its logs in one transaction that may last minutes: a month due
	 * to go then waits for a later batch instead of holding the lanes and the intake
	 * until the preparation ends.
	 */
	@Test
	void aMonthWhoseTablesStayInUseWaitsWithoutHoldingTheLogsAndGoesOnceTheyAreFree() throws Exception {
		this.clock.advance(AHEAD.multipliedBy(2));
		YearMonth month = YearMonth.from(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC));
		String ann = fresh("ann");
		String ended = this.flow.relay(delivery().with("recipients", List.of(Map.of("email", ann))));
		this.flow.endValidity(ended);
		String logs = partition("sending_log", month);
		this.clock.advance(LONGER_THAN_RETENTION);

		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> longTransaction = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
				this.jdbc.sql("select count(*) from sending_log where delivery_id = 'none'").query(Long.class).single();
				holding.countDown();
				awaitQuietly(release);
			}));
		assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
		AtomicLong slowestRead = new AtomicLong();
		AtomicBoolean reading = new AtomicBoolean(true);
		CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
			while (reading.get()) {
				long start = System.nanoTime();
				this.jdbc.sql("select count(*) from sending_log where delivery_id = :id")
					.param("id", ended)
					.query(Long.class)
					.single();
				slowestRead.accumulateAndGet(System.nanoTime() - start, Math::max);
			}
		});
		try {
			long start = System.nanoTime();
			String busy = this.flow.as("demo").post("/api/maintenance/cleanup", Map.of()).json().get("id").asText();
			runToTheEnd(busy);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the run, which left the month for later")
				.isLessThan(Duration.ofSeconds(20));
			assertThat(count("select count(*) from pg_class where relname in (:ids)", List.of(logs)))
				.as("the month's partition, left for later")
				.isOne();
			assertThat(count("select count(*) from " + logs + " where delivery_id in (:ids)", List.of(ended)))
				.as("its logs, which went one by one as a month held back does")
				.isZero();
			assertThat(run(busy).get("purged").get("sendingLogs").asLong()).isGreaterThanOrEqualTo(1);
		}
		finally {
			reading.set(false);
			release.countDown();
		}
		reader.get(30, TimeUnit.SECONDS);
		longTransaction.get(30, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(slowestRead.get())).as("the longest a read of the logs waited meanwhile")
			.isLessThan(Duration.ofSeconds(3));

		this.clock.advance(Duration.ofMinutes(1));
		String free = this.flow.as("demo").post("/api/maintenance/cleanup", Map.of()).json().get("id").asText();
		runToTheEnd(free);
		assertThat(count("select count(*) from pg_class where relname in (:ids)", List.of(logs)))
			.as("the month detached, then dropped by the next batch")
			.isZero();
		assertThat(this.flow.as("preparer").get("/api/deliveries/" + ended).json().get("logsPurgedAt").isNull())
			.isFalse();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String partition(String table, YearMonth month) {
		return String.format(Locale.ROOT, "%s_y%04dm%02d", table, month.getYear(), month.getMonthValue());
	}

}
