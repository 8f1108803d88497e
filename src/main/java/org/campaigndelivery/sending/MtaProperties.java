package org.campaigndelivery.sending;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sandbox the embedded SMTP server that accepts everything; spring.mail.* names
 * the MTA used
 */
@ConfigurationProperties("delivery.mta")
record MtaProperties(Sandbox sandbox) {

	MtaProperties {
		sandbox = sandbox == null ? new Sandbox(true, 2525, 200, Map.of()) : sandbox;
	}

	/**
	 * @param enabled on, so that the application runs without a real MTA; turned off
	 * where spring.mail.* names one
	 * @param port its port, which spring.mail.port reads by default
	 * @param keep how many of the last messages the sandbox keeps for its inbox (0: none)
	 * @param refuse address patterns (`*` for any characters, case ignored) and the SMTP
	 * reply that refuses them, such as `550 5.1.1 user unknown`
	 */
	record Sandbox(@DefaultValue("true") boolean enabled, @DefaultValue("2525") int port, @DefaultValue("200") int keep,
			Map<String, String> refuse) {

		Sandbox {
			refuse = refuse == null ? Map.of() : Map.copyOf(refuse);
		}

	}

}
