package org.campaigndelivery.sending;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param sandbox the embedded SMTP server that accepts everything; spring.mail.* names
 * the MTA used
 */
@ConfigurationProperties("delivery.mta")
record MtaProperties(Sandbox sandbox) {

	MtaProperties {
		sandbox = sandbox == null ? new Sandbox(false, 2525) : sandbox;
	}

	record Sandbox(boolean enabled, int port) {
	}

}
