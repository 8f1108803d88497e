package org.campaigndelivery.tracking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tracking and unsubscribe URLs.
 *
 * @param baseUrl where recipients' mail clients reach this application: the start of
 * every tracking and unsubscribe URL
 * @param secret the HMAC-SHA256 key that signs them; when empty, one is made at first
 * start and kept in the database, so that every node shares it
 * @param unsubscribeMailto an address for List-Unsubscribe's mailto form; none when empty
 * @param automatedHitWindow an open or a click this soon after the message was relayed
 * comes from a machine (privacy proxy, security scanner), not from the recipient
 */
@ConfigurationProperties("delivery.tracking")
record TrackingProperties(String baseUrl, String secret, String unsubscribeMailto,
		@DefaultValue("PT10S") Duration automatedHitWindow) {

	String base() {
		return this.baseUrl.endsWith("/") ? this.baseUrl.substring(0, this.baseUrl.length() - 1) : this.baseUrl;
	}

}
