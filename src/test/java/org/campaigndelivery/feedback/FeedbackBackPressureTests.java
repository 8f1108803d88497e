package org.campaigndelivery.feedback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.campaigndelivery.support.DeliveryRequests.delivery;
import static org.campaigndelivery.support.DeliveryRequests.freshRecipients;

/**
 * Twenty MTA feeds posting at once against an intake limit of two batches (the test
 * profile's): every call is answered, 202 or 429/503 with Retry-After, and what was
 * refused is sent again; in the end every event is applied once and the counters equal
 * Compute stats.
 */
@ApplicationTest
class FeedbackBackPressureTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final int POSTERS = 20;

	@Autowired
	DeliveryFlow flow;

	@Test
	void twentyConcurrentPostersAreAnsweredAndNoAcceptedEventIsLost() throws Exception {
		int recipients = 200;
		String id = this.flow
			.relay(delivery().with("recipients", freshRecipients(recipients)).with("emailFeedbackService", true));
		List<String> messageIds = new ArrayList<>();
		for (JsonNode log : this.flow.as("preparer").get("/api/deliveries/" + id + "/logs?size=1000").json()) {
			messageIds.add(log.get("messageId").asText());
		}
		assertThat(messageIds).hasSize(recipients);

		Api mta = this.flow.as("mta");
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		List<String> withoutRetryAfter = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger accepted = new AtomicInteger();
		ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
		List<Future<?>> done = new ArrayList<>();
		for (int p = 0; p < POSTERS; p++) {
			int poster = p;
			done.add(posters.submit(() -> {
				Random random = new Random(poster);
				for (int round = 0; round < 5; round++) {
					// each poster's own share, and as many events about others' messages
					List<Map<String, Object>> batch = new ArrayList<>();
					for (int i = 0; i < 10; i++) {
						batch.add(Map.of("messageId", messageIds.get(poster * 10 + i), "type", "DELIVERED"));
						batch.add(Map.of("messageId", messageIds.get(random.nextInt(recipients)), "type", "DELIVERED"));
					}
					// refused with Retry-After: sent again after a pause
					await().atMost(Duration.ofMinutes(1))
						.pollDelay(Duration.ZERO)
						.pollInterval(Duration.ofMillis(50))
						.until(() -> {
							Api.Response response = mta.post("/api/mta/events", batch);
							statuses.computeIfAbsent(response.code(), (c) -> new AtomicInteger()).incrementAndGet();
							if (response.code() == 202) {
								accepted.addAndGet(response.json().get("accepted").asInt());
								return true;
							}
							if (response.headers().getFirst("Retry-After") == null) {
								withoutRetryAfter.add(response.code() + " " + response.text());
								return true;
							}
							return false;
						});
				}
				return null;
			}));
		}
		for (Future<?> future : done) {
			future.get();
		}
		posters.shutdown();

		assertThat(withoutRetryAfter).as("refusals without Retry-After").isEmpty();
		assertThat(statuses.keySet()).as("answers").isSubsetOf(202, 429, 503);
		assertThat(statuses.get(429)).as("the limit was met").isNotNull();
		assertThat(statuses.get(202).get()).isEqualTo(POSTERS * 5);
		assertThat(accepted.get()).as("accepted events, duplicates apart").isGreaterThanOrEqualTo(recipients);
		double[] rates = this.flow.rates(id);
		assertThat(rates[0]).as("every message delivered, once").isEqualTo(100.0);
		JsonNode kpis = this.flow.as("preparer").get("/api/deliveries/" + id).json().get("kpis");
		assertThat(kpis.get("delivered").asInt()).isEqualTo(recipients);
	}

}
