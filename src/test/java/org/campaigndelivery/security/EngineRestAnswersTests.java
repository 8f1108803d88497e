package org.campaigndelivery.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * /engine-rest answers what the caller got wrong with a 4xx, as /api does: the engine
 * itself would answer 500 for a task or an instance that does not exist, for conditions
 * no start event listens to, or for deleting a definition that still has instances.
 */
@ApplicationTest
class EngineRestAnswersTests {

	@Autowired
	DeliveryFlow flow;

	@Test
	void whatTheCallerGotWrongIsA4xxNotAFailure() {
		Api starter = this.flow.as("starter");
		Map<String, Object> variable = Map.of("modifications", Map.of("x", Map.of("value", 1, "type", "Integer")));

		assertAnswer(starter.get("/engine-rest/task/no-such-task/variables"), 404);
		assertAnswer(starter.post("/engine-rest/task/no-such-task/variables", variable), 404);
		assertAnswer(starter.get("/engine-rest/task/no-such-task/identity-links"), 404);
		assertAnswer(starter.post("/engine-rest/condition", Map.of()), 400);

		String id = this.flow.as("preparer").post("/api/deliveries", delivery().body()).json().get("id").asText();
		this.flow.runJobs(id);
		String status = this.flow.status(id);
		assertAnswer(this.flow.as("demo").delete("/engine-rest/process-definition/key/delivery"), 400);
		assertThat(this.flow.status(id)).isEqualTo(status);
		assertThat(this.flow.processInstanceId(id)).isNotNull();
	}

	private static void assertAnswer(Api.Response response, int status) {
		assertThat(response.code()).as(response.text()).isEqualTo(status);
	}

}
