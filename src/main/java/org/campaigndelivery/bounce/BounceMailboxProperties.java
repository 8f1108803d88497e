package org.campaigndelivery.bounce;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The IMAP mailbox that bounces are delivered to, read by one node at a time.
 *
 * @param host the IMAP server; empty: no mailbox is read
 * @param protocol imap or imaps
 * @param folder the folder read, INBOX by default
 * @param interval how long between two reads
 */
@ConfigurationProperties("delivery.bounce-mailbox")
public record BounceMailboxProperties(String host, @DefaultValue("993") int port,
		@DefaultValue("imaps") String protocol, String username, String password, @DefaultValue("INBOX") String folder,
		@DefaultValue("PT1M") Duration interval, @DefaultValue("100") int maxPerRead) {

	boolean enabled() {
		return this.host != null && !this.host.isBlank();
	}

}
