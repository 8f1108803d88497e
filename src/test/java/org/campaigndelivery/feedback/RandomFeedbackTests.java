package org.campaigndelivery.feedback;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.sendinglog.FailureType;
import org.campaigndelivery.sendinglog.LogStatus;
import org.campaigndelivery.sendinglog.RelayState;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Random sequences of MTA events (duplicated, late, out of order, contradictory, or
 * early: before the lane recorded the relay) mixed with retry waves and the end of the
 * validity period: after every step the KPI counters equal what Compute stats recounts,
 * and no log has moved along a path that docs/domain.md's tables do not allow.
 */
@ApplicationTest
class RandomFeedbackTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final int RECIPIENTS = 12;

	private static final int STEPS = 150;

	@Autowired
	FeedbackService feedback;

	@Autowired
	DeliveryFlow flow;

	@Autowired
	KpiService kpis;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest(name = "seed {0}, feedback service {1}")
	@CsvSource({ "1, false", "2, false", "3, true", "4, true" })
	void shouldKeepCountersEqualToTheRecountAndLogsOnAllowedPaths(long seed, boolean feedbackService) {
		Random random = new Random(seed);
		List<Map<String, Object>> recipients = new ArrayList<>();
		for (int i = 0; i < RECIPIENTS; i++) {
			recipients.add(Map.of("email", "r" + i + "-" + UUID.randomUUID() + "@example.com"));
		}
		List<MtaEvent> sent = new CopyOnWriteArrayList<>();
		// Some events come while the SMTP transaction is open, before the lane records
		// the
		// relay, whether first attempt or retry.
		Random mta = new Random(seed);
		UserManager users = smtp.getUserManager();
		MessageDeliveryHandler store = users.getMessageDeliveryHandler();
		users.setMessageDeliveryHandler((message, address) -> {
			var user = store.handle(message, address);
			if (mta.nextBoolean()) {
				MtaEvent early = randomEvent(mta, message.getMessage().getMessageID());
				sent.add(early);
				this.feedback.receive(List.of(early));
			}
			return user;
		});
		String id = this.flow
			.relay(delivery().with("emailFeedbackService", feedbackService).with("recipients", recipients));
		// as the logs API gives them: a Message-ID made of the log is not stored
		List<String> messageIds = this.jdbc
			.sql("select l.id, l.message_id, d.sender from sending_log l join delivery d on d.id = l.delivery_id "
					+ "where l.delivery_id = :id")
			.param("id", id)
			.query((rs, row) -> (rs.getString(2) != null) ? rs.getString(2)
					: org.campaigndelivery.sendinglog.MessageIds.of(rs.getLong(1), id, rs.getString(3)))
			.list();
		Map<Long, Snapshot> before = snapshot(id);

		for (int step = 0; step < STEPS; step++) {
			int dice = random.nextInt(100);
			if (dice < 8) {
				this.flow.retryWave(id);
			}
			else if (dice < 20 && !sent.isEmpty()) {
				this.feedback.receive(List.of(sent.get(random.nextInt(sent.size()))));
			}
			else {
				List<MtaEvent> batch = new ArrayList<>();
				for (int n = 1 + random.nextInt(4); n > 0; n--) {
					batch.add(randomEvent(random, messageIds.get(random.nextInt(messageIds.size()))));
				}
				sent.addAll(batch);
				this.feedback.receive(batch);
			}
			before = check(id, feedbackService, before, "step " + step);
		}
		this.flow.endValidity(id);
		check(id, feedbackService, before, "after the validity period");

		assertThat(this.flow.status(id)).isEqualTo("FINISHED");
		assertThat(snapshot(id).values())
			.noneMatch(s -> s.relayState() == RelayState.AWAITING_RETRY || s.relayState() == RelayState.RETRY_QUEUED);
	}

	private Map<Long, Snapshot> check(String id, boolean feedbackService, Map<Long, Snapshot> before, String when) {
		assertThat(this.kpis.kpis(id).orElseThrow().withoutComputedAt()).as("counters %s", when)
			.isEqualTo(this.kpis.computeStats(id).withoutComputedAt());
		Map<Long, Snapshot> after = snapshot(id);
		after.forEach((logId, now) -> {
			Snapshot was = before.get(logId);
			assertThat(allowed(feedbackService, was, now)).as("log %d moved %s -> %s %s", logId, was, now, when)
				.isTrue();
		});
		return after;
	}

	/** The paths of docs/domain.md's tables; staying put is always allowed. */
	private static boolean allowed(boolean feedbackService, Snapshot was, Snapshot now) {
		if (was.status() == now.status()) {
			return true;
		}
		if (!feedbackService) {
			return was.status() == LogStatus.SENT && now.status() == LogStatus.FAILED;
		}
		return switch (was.status()) {
			case PENDING -> true;
			case FAILED -> now.status() == LogStatus.SENT && was.failureType() == FailureType.SOFT;
			case SENT -> false;
		};
	}

	private static MtaEvent randomEvent(Random random, String messageId) {
		OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(random.nextInt(120) - 100);
		return switch (random.nextInt(6)) {
			case 0 -> new MtaEvent(messageId, MtaEvent.Type.DELIVERED, "250 2.0.0 OK", null, at);
			case 1 -> new MtaEvent(messageId, MtaEvent.Type.HARD_BOUNCE, "550 5.1.1", "User unknown", at);
			case 2 -> new MtaEvent(messageId, MtaEvent.Type.SOFT_BOUNCE, "452 4.2.2", "Mailbox full", at);
			case 3 -> new MtaEvent(messageId, MtaEvent.Type.SOFT_BOUNCE, null, "Out of office until Monday", at);
			case 4 -> new MtaEvent(messageId, MtaEvent.Type.HARD_BOUNCE, "421 4.4.2", "Connection dropped", at);
			default -> new MtaEvent(messageId, MtaEvent.Type.COMPLAINT, null, null, at);
		};
	}

	private Map<Long, Snapshot> snapshot(String id) {
		Map<Long, Snapshot> logs = new HashMap<>();
		this.jdbc.sql("select id, status, failure_type, relay_state from sending_log where delivery_id = :id")
			.param("id", id)
			.query(rs -> {
				String type = rs.getString("failure_type");
				logs.put(rs.getLong("id"),
						new Snapshot(LogStatus.valueOf(rs.getString("status")),
								type == null ? null : FailureType.valueOf(type),
								RelayState.valueOf(rs.getString("relay_state"))));
			});
		return logs;
	}

	record Snapshot(LogStatus status, FailureType failureType, RelayState relayState) {
	}

}
