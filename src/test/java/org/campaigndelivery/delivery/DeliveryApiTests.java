package org.campaigndelivery.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.Jobs;
import org.campaigndelivery.support.MessageParts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * The lifecycle end to end through /api and /engine-rest on the running application, mail
 * at GreenMail.
 */
@ApplicationTest
class DeliveryApiTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	Jobs jobs;

	@Autowired
	JdbcClient jdbc;

	Api api;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.rest, this.objectMapper, "preparer");
		quarantine("quarantined@example.com", "QUARANTINE");
		quarantine("denied@example.com", "DENYLIST");
		quarantine("allowed@example.com", "ALLOWLIST");
	}

	@Test
	void shouldTakeADeliveryFromCreationToTheMtaWithExclusionsPersonalisationAndKpis() throws Exception {
		List<Map<String, Object>> recipients = List.of(
				Map.of("email", "alice@example.com", "firstName", "Alice <b>&", "lastName", "O'Hara", "city",
						"Zurich & <Geneva>"),
				Map.of("email", "bob@EXAMPLE.com", "firstName", "Bob"), Map.of("email", ""),
				Map.of("email", "not-an-address"), Map.of("email", "ALICE@example.com", "firstName", "Twin"),
				Map.of("email", "quarantined@example.com"), Map.of("email", "denied@example.com"),
				Map.of("email", "allowed@example.com", "firstName", "Al"));

		// tracking off: the links are compared as personalisation wrote them
		Api.Response created = this.api.post("/api/deliveries",
				delivery().with("recipients", recipients).with("tracking", false).body());

		assertThat(created.code()).isEqualTo(201);
		String id = created.json().get("id").asText();
		assertThat(created.headers().getLocation()).hasToString("/api/deliveries/" + id);
		assertThat(created.json().get("status").asText()).isEqualTo("PREPARING");

		runJobs(id);
		JsonNode prepared = this.api.get("/api/deliveries/" + id).json();
		assertThat(prepared.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
		assertThat(prepared.at("/deployment/toDeliver").asInt()).isEqualTo(3);
		assertThat(exclusions(id)).containsExactlyInAnyOrder("EMPTY_ADDRESS:", "INVALID_ADDRESS:not-an-address",
				"DUPLICATE:ALICE@example.com", "QUARANTINED:quarantined@example.com", "DENYLISTED:denied@example.com");
		assertThat(this.api.get("/api/deliveries/" + id + "/preparation").json().at("/warnings/0/rule").asText())
			.isEqualTo("MOSTLY_EXCLUDED");

		assertThat(this.api.post("/api/deliveries/" + id + "/approval", Map.of("approved", true)).code())
			.isEqualTo(403);
		assertThat(this.api.as("approver").post("/api/deliveries/" + id + "/approval", Map.of("approved", true)).code())
			.isEqualTo(204);
		assertThat(status(id)).isEqualTo("AWAITING_CONFIRMATION");

		Api.Response refused = this.api.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		assertThat(refused.code()).isEqualTo(403);
		assertThat(refused.json().get("detail").asText()).contains("delivery-starters");
		assertThat(this.api.as("approver")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(403);
		runJobs(id);
		assertThat(status(id)).isEqualTo("AWAITING_CONFIRMATION");
		assertThat(smtp.getReceivedMessages()).isEmpty();

		assertThat(this.api.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		runJobs(id);

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(3);
		MimeMessage alice = received(received, "alice@example.com");
		assertThat(alice.getSubject()).isEqualTo("Hello Alice <b>&, the winter sale starts");
		assertThat(MessageParts.html(alice)).contains("Hello Alice &lt;b&gt;&amp; O&#39;Hara")
			.contains("c=Zurich &amp; &lt;Geneva&gt;")
			.doesNotContain("<b>&");
		assertThat(MessageParts.text(alice)).as("the text part is plain text")
			.contains("Hello Alice <b>& O'Hara")
			.contains("c=Zurich & <Geneva>");
		assertThat(received(received, "allowed@example.com").getFrom()[0]).hasToString("news@shop.example.com");

		JsonNode logs = this.api.get("/api/deliveries/" + id + "/logs").json();
		assertThat(logs).hasSize(3);
		assertThat(logs.findValuesAsText("status")).containsOnly("SENT");
		assertThat(logs.findValuesAsText("recipient")).containsExactlyInAnyOrder("alice@example.com", "bob@example.com",
				"allowed@example.com");
		List<String> messageIds = new ArrayList<>();
		for (MimeMessage message : received) {
			messageIds.add(message.getMessageID());
		}
		assertThat(logs.findValuesAsText("messageId")).containsExactlyInAnyOrderElementsOf(messageIds);

		JsonNode sent = this.api.get("/api/deliveries/" + id).json();
		assertThat(sent.get("status").asText()).isEqualTo("SENT");
		assertThat(sent.get("validUntil").isNull()).isFalse();
		assertThat(sent.at("/deployment/processed").asInt()).isEqualTo(3);
		assertThat(sent.at("/kpis/toDeliver").asInt()).isEqualTo(3);
		assertThat(sent.at("/kpis/sent").asInt()).isEqualTo(3);
		assertThat(sent.at("/kpis/deliveredRate").asDouble()).isEqualTo(100.0);
		assertThat(sent.at("/kpis/bouncesAndErrorsRate").asDouble()).isEqualTo(0.0);

		JsonNode recomputed = this.api.post("/api/deliveries/" + id + "/compute-stats", null).json();
		assertThat(recomputed.get("delivered").asInt()).isEqualTo(3);
		assertThat(recomputed.get("deliveredRate").asDouble()).isEqualTo(100.0);
		assertThat(recomputed.get("computedAt").isNull()).isFalse();
	}

	@Test
	void aContactDateAlreadyPastIsAWarningThatAsksTheApprover() {
		String past = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0).toString();
		String id = createdId(delivery().with("approvalMode", "SEMI_AUTOMATIC").with("contactDate", past).body());
		runJobs(id);

		assertThat(status(id)).isEqualTo("AWAITING_APPROVAL");
		assertThat(
				this.api.get("/api/deliveries/" + id + "/preparation").json().get("warnings").findValuesAsText("rule"))
			.contains("CONTACT_DATE_PAST");
	}

	@Test
	void shouldKeepLogsPendingWithTheEmailFeedbackService() {
		String id = createdId(delivery().with("approvalMode", "AUTOMATIC").with("emailFeedbackService", true).body());
		runJobs(id);

		this.api.as("starter").post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true));
		runJobs(id);

		assertThat(smtp.getReceivedMessages()).hasSize(3);
		assertThat(this.api.get("/api/deliveries/" + id + "/logs").json().findValuesAsText("status"))
			.containsOnly("PENDING");
		JsonNode kpis = this.api.get("/api/deliveries/" + id).json().get("kpis");
		assertThat(kpis.get("sent").asInt()).isEqualTo(3);
		assertThat(kpis.get("deliveredRate").asDouble()).isEqualTo(0.0);
		assertThat(kpis.get("bouncesAndErrorsRate").asDouble()).isEqualTo(0.0);
	}

	@Test
	void shouldRefuseConfirmationThroughEngineRestToAnyoneButStarters() {
		String id = createdId(delivery().with("approvalMode", "AUTOMATIC").body());
		runJobs(id);
		String taskId = this.api.as("starter")
			.get("/engine-rest/task?processInstanceBusinessKey=" + id)
			.json()
			.get(0)
			.get("id")
			.asText();
		Map<String, Object> confirmed = Map.of("variables", Map.of("confirmed", Map.of("value", true)));

		Api.Response asPreparer = this.api.post("/engine-rest/task/" + taskId + "/complete", confirmed);
		Api.Response asApprover = this.api.as("approver").post("/engine-rest/task/" + taskId + "/complete", confirmed);
		Api.Response anonymous = this.api.as(null).post("/engine-rest/task/" + taskId + "/complete", confirmed);

		Api.Response withoutDecision = this.api.as("starter")
			.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of()));
		assertThat(withoutDecision.code()).as(withoutDecision.text()).isEqualTo(400);
		assertThat(asPreparer.code()).isEqualTo(403);
		assertThat(asApprover.code()).isEqualTo(403);
		assertThat(anonymous.code()).isEqualTo(401);
		runJobs(id);
		assertThat(status(id)).isEqualTo("AWAITING_CONFIRMATION");
		assertThat(smtp.getReceivedMessages()).isEmpty();

		assertThat(this.api.as("starter").post("/engine-rest/task/" + taskId + "/complete", confirmed).code())
			.isEqualTo(204);
		runJobs(id);
		assertThat(smtp.getReceivedMessages()).hasSize(3);
		assertThat(status(id)).isEqualTo("SENT");
	}

	@Test
	void shouldShowTheApproverTheTaskAndItsFormAsTasklistLoadsThem() {
		String id = createdId(delivery().with("label", "Spring teaser").body());
		runJobs(id);
		Api approver = this.api.as("approver");

		JsonNode filters = approver.get("/engine-rest/filter?resourceType=Task").json();
		assertThat(filters.findValuesAsText("name")).contains("Delivery approvals")
			.doesNotContain("Send confirmations");
		String filterId = StreamSupport.stream(filters.spliterator(), false)
			.filter(f -> f.get("name").asText().equals("Delivery approvals"))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asText();
		JsonNode tasks = approver.get("/engine-rest/filter/" + filterId + "/list?maxResults=1000").json();
		JsonNode task = StreamSupport.stream(tasks.spliterator(), false)
			.filter(t -> t.get("processInstanceId").asText().equals(processInstanceId(id)))
			.findFirst()
			.orElseThrow();
		String taskId = task.get("id").asText();

		Api.Response form = approver.get("/engine-rest/task/" + taskId + "/deployed-form");
		JsonNode variables = approver.get("/engine-rest/task/" + taskId + "/form-variables").json();

		assertThat(form.code()).isEqualTo(200);
		assertThat(form.json().get("id").asText()).isEqualTo("approve-delivery");
		assertThat(variables.at("/deliveryLabel/value").asText()).isEqualTo("Spring teaser");
		assertThat(variables.at("/toDeliver/value").asInt()).isEqualTo(3);

		Map<String, Object> decision = Map.of("variables",
				Map.of("approved", Map.of("value", "true"), "approvalComment", Map.of("value", "Fine")));
		assertThat(approver.post("/engine-rest/task/" + taskId + "/complete", decision).code()).isEqualTo(204);
		assertThat(status(id)).isEqualTo("AWAITING_CONFIRMATION");
		assertThat(this.api.as("starter")
			.get("/engine-rest/task?processInstanceBusinessKey=" + id)
			.json()
			.findValuesAsText("taskDefinitionKey")).containsExactly("Task_ConfirmSend");
	}

	@Test
	void shouldRefuseAStartOfTheDeliveryProcessThroughEngineRestThatNamesNoNewDelivery() {
		String existing = createdId(delivery().body());
		long instances = this.runtimeService.createProcessInstanceQuery().processDefinitionKey("delivery").count();
		long deliveries = this.jdbc.sql("select count(*) from delivery").query(Long.class).single();

		List<Api.Response> refused = List.of(
				this.api.post("/engine-rest/process-definition/key/delivery/start", Map.of()),
				this.api.post("/engine-rest/process-definition/key/delivery/start",
						Map.of("variables", Map.of("deliveryId", Map.of("value", "null")))),
				this.api.post("/engine-rest/process-definition/key/delivery/start",
						Map.of("businessKey", existing, "variables", Map.of("deliveryId", Map.of("value", existing),
								"approvalMode", Map.of("value", "AUTOMATIC")))));

		for (Api.Response response : refused) {
			assertThat(response.code()).as(response.text()).isEqualTo(400);
			assertThat(response.text()).contains("POST /api/deliveries");
		}
		assertThat(this.runtimeService.createProcessInstanceQuery().processDefinitionKey("delivery").count())
			.as("no instance left, none ending as an incident")
			.isEqualTo(instances);
		assertThat(this.jdbc.sql("select count(*) from delivery").query(Long.class).single()).isEqualTo(deliveries);
		assertThat(this.api.as("approver").post("/engine-rest/process-definition/key/delivery/start", Map.of()).code())
			.isEqualTo(403);
	}

	@Test
	void shouldKeepLineBreaksOfPersonalisationValuesOutOfTheMessageHeaders() throws Exception {
		String id = createdId(delivery().with("approvalMode", "AUTOMATIC")
			.with("subject", "Hello {{firstName}} {{lastName}}")
			.with("recipients",
					List.of(Map.of("email", "crlf@example.com", "firstName", "Eve\r\nBcc: spy@evil.example", "lastName",
							"X\nX-Injected: yes\r\n\r\nbody")))
			.body());
		runJobs(id);
		assertThat(this.api.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		runJobs(id);

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).as("one message, to the recipient only").hasSize(1);
		MimeMessage message = received[0];
		assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("crlf@example.com");
		assertThat(message.getHeader("Bcc")).isNull();
		assertThat(message.getHeader("X-Injected")).isNull();
		assertThat(message.getSubject()).isEqualTo("Hello Eve Bcc: spy@evil.example X X-Injected: yes body");
		assertThat(this.api
			.post("/api/deliveries", delivery().with("from", "news@shop.example.com\r\nBcc: spy@evil.example").body())
			.code()).as("a sender with a line break is no address").isEqualTo(400);
	}

	@Test
	void shouldAnswerDurationsAsTheyWereWritten() {
		for (String[] periods : new String[][] { { "P3DT12H", "PT1H" }, { "P1D", "PT30M" },
				{ "PT36H", "P1DT2H30M" } }) {
			String id = createdId(delivery().with("validityPeriod", periods[0]).with("retryPeriod", periods[1]).body());
			JsonNode view = this.api.get("/api/deliveries/" + id).json();
			String validity = periods[0].equals("PT36H") ? "P1DT12H" : periods[0];
			assertThat(view.get("validityPeriod").asText()).isEqualTo(validity);
			assertThat(view.get("retryPeriod").asText()).isEqualTo(periods[1]);
		}
	}

	private String createdId(Object body) {
		Api.Response created = this.api.post("/api/deliveries", body);
		assertThat(created.code()).as(created.text()).isEqualTo(201);
		return created.json().get("id").asText();
	}

	private void runJobs(String deliveryId) {
		this.jobs.runDue(processInstanceId(deliveryId));
	}

	private String processInstanceId(String deliveryId) {
		return this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(deliveryId)
			.singleResult()
			.getId();
	}

	private String status(String id) {
		return this.api.get("/api/deliveries/" + id).json().get("status").asText();
	}

	private List<String> exclusions(String id) {
		List<String> reasons = new ArrayList<>();
		for (JsonNode exclusion : this.api.get("/api/deliveries/" + id + "/exclusions").json()) {
			reasons.add(exclusion.get("reason").asText() + ":" + exclusion.get("recipient").asText(null));
		}
		return reasons;
	}

	private static MimeMessage received(MimeMessage[] messages, String to) throws Exception {
		for (MimeMessage message : messages) {
			if (message.getAllRecipients()[0].toString().equals(to)) {
				return message;
			}
		}
		throw new AssertionError("No message to " + to);
	}

	private void quarantine(String address, String status) {
		this.jdbc.sql("delete from quarantine where address = :address").param("address", address).update();
		this.jdbc.sql("""
				insert into quarantine (address, status, error_count, updated_at)
				values (:address, :status, 0, current_timestamp)
				""").param("address", address).param("status", status).update();
	}

}
