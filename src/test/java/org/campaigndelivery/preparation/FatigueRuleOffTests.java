package org.campaigndelivery.preparation;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/** Without delivery.fatigue.max-messages, an address gets every delivery. */
@ApplicationTest
class FatigueRuleOffTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Test
	void shouldExcludeNobodyForFatigueByDefault() {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(2);
		for (int i = 0; i < 3; i++) {
			this.flow.relay(delivery().with("recipients", recipients));
		}

		String id = this.flow.relay(delivery().with("recipients", recipients));

		assertThat(this.flow.status(id)).isEqualTo("SENT");
		assertThat(this.flow.as("preparer").get("/api/deliveries/" + id + "/exclusions").json()).isEmpty();
		JsonNode preparation = this.flow.as("preparer").get("/api/deliveries/" + id + "/preparation").json();
		assertThat(preparation.at("/excludedByReason/FATIGUE").asInt()).isZero();
		assertThat(this.flow.as("preparer").get("/api/deliveries/" + id + "/logs").json()).hasSize(2);
		assertThat(smtp.getReceivedMessages()).as("four deliveries to each").hasSize(8);
	}

}
