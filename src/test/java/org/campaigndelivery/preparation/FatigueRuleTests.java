package org.campaigndelivery.preparation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.Jobs;
import org.campaigndelivery.support.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * The fatigue rule at two messages a week: preparation excludes an address that other
 * deliveries sent two messages within the week, or are about to, with reason FATIGUE; the
 * approver sees the count, the MTA gets nothing for it. Occurrences of a recurring
 * delivery count each other's messages.
 */
@ApplicationTest
class FatigueRuleTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Autowired
	TestClock clock;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	Jobs jobs;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void twoMessagesAWeek() {
		SwitchableFatigue.limit(2, Duration.ofDays(7));
	}

	@AfterEach
	void reset() {
		this.clock.reset();
		SwitchableFatigue.reset();
	}

	@Test
	void shouldExcludeAnAddressSentTheMostMessagesWithinThePeriodAndCountItInTheApprovalForm() throws Exception {
		String tired = fresh("tired");
		String once = fresh("once");
		String longAgo = fresh("long-ago");
		this.flow.relay(to(longAgo));
		this.flow.relay(to(longAgo));
		this.clock.advance(Duration.ofDays(8));
		this.flow.relay(to(tired, once));
		this.flow.relay(to(tired));

		String id = prepared(to(tired, once, longAgo).with("approvalMode", "MANUAL"));

		assertThat(this.flow.status(id)).isEqualTo("AWAITING_APPROVAL");
		assertThat(exclusions(id)).containsExactly("FATIGUE:" + tired);
		JsonNode preparation = this.flow.as("preparer").get("/api/deliveries/" + id + "/preparation").json();
		assertThat(preparation.get("excluded").asInt()).isEqualTo(1);
		assertThat(preparation.at("/excludedByReason/FATIGUE").asInt()).isEqualTo(1);
		assertThat(preparation.at("/excludedByReason/DUPLICATE").asInt()).isZero();
		assertThat(this.flow.as("preparer").get("/api/deliveries/" + id).json().at("/deployment/toDeliver").asInt())
			.isEqualTo(2);
		Api approver = this.flow.as("approver");
		String taskId = this.flow.taskId(id, "Task_ApproveDelivery");
		JsonNode variables = approver.get("/engine-rest/task/" + taskId + "/form-variables").json();
		assertThat(variables.at("/excluded/value").asInt()).isEqualTo(1);
		assertThat(variables.at("/excludedFatigue/value").asInt()).isEqualTo(1);
		assertThat(variables.at("/toDeliver/value").asInt()).isEqualTo(2);

		assertThat(approver.post("/api/deliveries/" + id + "/approval", Map.of("approved", true)).code())
			.isEqualTo(204);
		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		this.flow.runJobs(id);

		assertThat(this.flow.status(id)).isEqualTo("SENT");
		assertThat(recipients(this.flow.as("preparer").get("/api/deliveries/" + id + "/logs").json()))
			.containsExactlyInAnyOrder(once, longAgo);
		assertThat(receivedBy(tired)).as("two deliveries within the week, not the third").isEqualTo(2);
		assertThat(receivedBy(once)).isEqualTo(2);
		assertThat(receivedBy(longAgo)).as("two deliveries more than a week ago, and this one").isEqualTo(3);
	}

	@Test
	void shouldCountTheMessagesOfADeliveryNotSentYetButNotThoseOfACancelledOne() {
		String address = fresh("planned");
		this.flow.relay(to(address));
		String waiting = prepared(to(address).with("approvalMode", "MANUAL"));
		assertThat(this.flow.status(waiting)).isEqualTo("AWAITING_APPROVAL");

		String crowded = prepared(to(address, fresh("other")));

		assertThat(exclusions(crowded)).as("one message sent and one waiting for its approval")
			.containsExactly("FATIGUE:" + address);

		assertThat(this.flow.as("starter").post("/api/deliveries/" + waiting + "/cancel", null).code()).isEqualTo(204);
		assertThat(this.flow.status(waiting)).isEqualTo("CANCELLED");
		assertThat(this.flow.as("starter").post("/api/deliveries/" + crowded + "/cancel", null).code()).isEqualTo(204);

		String next = prepared(to(address));

		assertThat(exclusions(next)).as("the cancelled deliveries' queued messages never leave").isEmpty();
	}

	@Test
	void shouldLetAnAllowlistedAddressThroughAndKeepTheFirstReasonOfAnAddressExcludedAnyway() {
		String allowed = fresh("allowed");
		String tired = fresh("tired-twice");
		this.flow.relay(to(allowed, tired));
		this.flow.relay(to(allowed, tired));
		this.jdbc.sql("""
				insert into quarantine (address, status, error_count, updated_at)
				values (:address, 'ALLOWLIST', 0, current_timestamp)
				""").param("address", allowed).update();

		String twin = "TIRED" + tired.substring("tired".length());

		String id = prepared(delivery().with("recipients", List.of(Map.of("email", allowed), Map.of("email", tired),
				Map.of("email", twin), Map.of("email", fresh("new")))));

		assertThat(exclusions(id)).as("the twin is a duplicate, counted once")
			.containsExactlyInAnyOrder("FATIGUE:" + tired, "DUPLICATE:" + twin);
	}

	@Test
	void shouldCountThePreviousOccurrencesOfARecurringDelivery() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(3);
		Api.Response created = this.flow.as("starter")
			.post("/api/recurring-deliveries",
					delivery().with("recipients", recipients)
						.with("approvalMode", "AUTOMATIC")
						.with("schedule", "0 0 9 * * *")
						.with("confirmBeforeSend", false)
						.body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String schedule = this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKey("recurringDelivery")
			.processInstanceBusinessKey(created.json().get("id").asText())
			.singleResult()
			.getId();

		String first = nextOccurrence(schedule);
		String second = nextOccurrence(schedule);
		String third = nextOccurrence(schedule);

		assertThat(this.flow.status(first)).isEqualTo("SENT");
		assertThat(this.flow.status(second)).isEqualTo("SENT");
		assertThat(exclusions(third)).as("two occurrences sent this week")
			.hasSize(3)
			.allMatch(e -> e.startsWith("FATIGUE:"));
		assertThat(this.flow.status(third)).as("nobody left to deliver to").isEqualTo("FAILED");
		assertThat(smtp.getReceivedMessages()).hasSize(6);
	}

	/** The schedule's timer fires; returns the occurrence, run as far as it goes. */
	private String nextOccurrence(String schedule) {
		List<String> before = occurrences(schedule).map(ProcessInstance::getId).toList();
		this.jobs.fire(schedule, "TimerEvent_OccurrenceDue");
		// taken before it runs: an occurrence that fails at preparation ends
		String occurrence = occurrences(schedule).filter(p -> !before.contains(p.getId()))
			.findFirst()
			.orElseThrow()
			.getBusinessKey();
		this.jobs.runDueWithCalled(schedule);
		return occurrence;
	}

	private Stream<ProcessInstance> occurrences(String schedule) {
		return this.runtimeService.createProcessInstanceQuery().superProcessInstanceId(schedule).list().stream();
	}

	/** Created and prepared; returns its id. */
	private String prepared(DeliveryRequests request) {
		Api.Response created = this.flow.as("preparer").post("/api/deliveries", request.body());
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		String id = created.json().get("id").asText();
		this.flow.runJobs(id);
		return id;
	}

	private List<String> exclusions(String id) {
		List<String> reasons = new ArrayList<>();
		for (JsonNode exclusion : this.flow.as("preparer").get("/api/deliveries/" + id + "/exclusions").json()) {
			reasons.add(exclusion.get("reason").asText() + ":" + exclusion.get("recipient").asText(null));
		}
		return reasons;
	}

	private static List<String> recipients(JsonNode logs) {
		return logs.findValuesAsText("recipient");
	}

	private static long receivedBy(String address) throws MessagingException {
		long count = 0;
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(address)) {
				count++;
			}
		}
		return count;
	}

	private static DeliveryRequests to(String... addresses) {
		return delivery().with("recipients",
				Stream.of(addresses).map(a -> Map.<String, Object>of("email", a)).toList());
	}

	private static String fresh(String name) {
		return name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
