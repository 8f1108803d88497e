package org.campaigndelivery.feedback;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/** Bounces reach the quarantine whatever the address holds. */
@ApplicationTest
class BounceQuarantineTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	DeliveryFlow flow;

	@Test
	void shouldQuarantineAnAddressWithAnApostropheOnAHardBounce() {
		String obrien = "o'brien-" + UUID.randomUUID() + "@example.com";
		String id = this.flow.relay(delivery().with("recipients", List.of(Map.of("email", obrien))));

		// As an administrator: the mta user may still be serving the login delay another
		// test's wrong password earned it.
		String messageId = this.flow.log(id, obrien).get("messageId").asText();
		assertThat(this.flow.as("demo")
			.post("/api/mta/events",
					List.of(Map.of("messageId", messageId, "type", "HARD_BOUNCE", "smtpStatus",
							"550 5.1.1 User unknown")))
			.code()).isEqualTo(202);

		this.flow.assertLog(id, obrien, "FAILED", "HARD", "USER_UNKNOWN");
		assertThat(this.flow.as("demo").get("/api/quarantine/" + obrien).json().get("status").asText())
			.isEqualTo("QUARANTINE");
	}

}
