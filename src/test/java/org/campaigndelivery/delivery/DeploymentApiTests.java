package org.campaigndelivery.delivery;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;
import static org.campaigndelivery.support.DeliveryRequests.email;
import static org.campaigndelivery.support.DeliveryRequests.freshRecipients;

/**
 * What the Deployment pages read besides the delivery: the proof, the timeline and where
 * the process stands.
 */
@ApplicationTest
class DeploymentApiTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Test
	void proofIsTheRecipientsMessageWithoutTracking() {
		String id = prepared();
		Api approver = this.flow.as("approver");

		JsonNode first = approver.get("/api/deliveries/" + id + "/proof").json();
		assertThat(first.get("recipient").asText()).isEqualTo("r1@example.com");
		assertThat(first.get("subject").asText()).isEqualTo("Hello First1, the winter sale starts");
		JsonNode named = approver.get("/api/deliveries/" + id + "/proof?recipient=r2@example.com").json();
		assertThat(named.get("html").asText()).contains("Hello First2 Last2")
			.contains("href=\"https://shop.example.com/sale?c=\"");

		Api.Response unknown = approver.get("/api/deliveries/" + id + "/proof?recipient=nobody@example.com");
		assertThat(unknown.code()).isEqualTo(404);
		assertThat(unknown.json().get("detail").asText()).contains("nobody@example.com");
		assertThat(this.flow.as("mta").get("/api/deliveries/" + id + "/proof").code()).isEqualTo(403);
		assertThat(this.flow.as("preparer").get("/api/deliveries/no-such-delivery/proof").code()).isEqualTo(404);

		// what leaves is tracked; the proof is not, so that an approver's clicks count
		// nothing
		confirmAndRelay(id);
		String sent = GreenMailUtil.getBody(smtp.getReceivedMessagesForDomain("example.com")[0]);
		assertThat(sent).contains("/t/c/");
		assertThat(named.get("html").asText()).doesNotContain("/t/c/").doesNotContain("/t/o/");
	}

	@Test
	void processShowsTheOpenTaskUntilItIsDone() {
		String id = prepared();
		JsonNode waiting = this.flow.as("starter").get("/api/deliveries/" + id + "/process").json();
		assertThat(waiting.get("running").asBoolean()).isTrue();
		assertThat(waiting.get("taskKey").asText()).isEqualTo("Task_ConfirmSend");
		assertThat(waiting.get("tasklistUrl").asText())
			.isEqualTo("/camunda/app/tasklist/default/#/?task=" + waiting.get("taskId").asText());
		assertThat(waiting.get("cockpitUrl").asText()).contains(waiting.get("processInstanceId").asText());

		confirmAndRelay(id);
		JsonNode sending = this.flow.as("starter").get("/api/deliveries/" + id + "/process").json();
		assertThat(sending.get("running").asBoolean()).as("the validity period runs").isTrue();
		assertThat(sending.get("taskId").isNull()).isTrue();
	}

	@Test
	void timelineCumulatesDeliveredAndFailed() {
		List<Map<String, Object>> fresh = freshRecipients(3);
		String id = prepared(delivery().with("recipients", fresh));
		JsonNode before = this.flow.as("preparer").get("/api/deliveries/" + id + "/timeline").json();
		assertThat(before.get("points")).isEmpty();

		confirmAndRelay(id);
		this.flow.event(id, email(fresh, 3), "HARD_BOUNCE", "550 5.1.1 User unknown");

		JsonNode timeline = this.flow.as("preparer").get("/api/deliveries/" + id + "/timeline").json();
		assertThat(timeline.get("unit").asText()).isEqualTo("SECOND");
		JsonNode last = timeline.get("points").get(timeline.get("points").size() - 1);
		assertThat(last.get("relayed").asLong()).as("every relayed log, the bounced one too").isEqualTo(3);
		assertThat(last.get("relayed").asLong()).as("every relayed log, the bounced one too").isEqualTo(3);
		assertThat(last.get("delivered").asLong()).isEqualTo(2);
		assertThat(last.get("failed").asLong()).isEqualTo(1);
		long previousDelivered = 0;
		for (JsonNode point : timeline.get("points")) {
			assertThat(point.get("delivered").asLong()).isGreaterThanOrEqualTo(previousDelivered);
			previousDelivered = point.get("delivered").asLong();
		}
	}

	private String prepared() {
		return prepared(delivery());
	}

	private String prepared(DeliveryRequests request) {
		String id = this.flow.as("preparer")
			.post("/api/deliveries", request.with("approvalMode", "AUTOMATIC").body())
			.json()
			.get("id")
			.asText();
		this.flow.runJobs(id);
		return id;
	}

	private void confirmAndRelay(String id) {
		assertThat(this.flow.as("starter")
			.post("/api/deliveries/" + id + "/confirmation", Map.of("confirmed", true))
			.code()).isEqualTo(204);
		this.flow.runJobs(id);
	}

}
