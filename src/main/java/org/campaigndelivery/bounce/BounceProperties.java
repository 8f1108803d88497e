package org.campaigndelivery.bounce;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where bounces come back.
 *
 * @param domain the domain of VERP envelope senders ({@code bounces+TOKEN@domain}); its
 * mail must reach this application (the bounce mailbox, or a pipe to POST /api/mta/dsn).
 * Empty: no VERP, the envelope sender is the From address and bounces are matched by the
 * Message-ID they quote
 * @param localPart the local part before the {@code +}
 * @param secret the HMAC-SHA256 key that signs the token; when empty, one is made at
 * first use and kept in the database, so that every node shares it
 */
@ConfigurationProperties("delivery.bounce")
record BounceProperties(String domain, @DefaultValue("bounces") String localPart, String secret) {

	boolean verp() {
		return this.domain != null && !this.domain.isBlank();
	}

}
