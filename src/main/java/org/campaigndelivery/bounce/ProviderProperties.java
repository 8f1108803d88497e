package org.campaigndelivery.bounce;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hosted MTAs whose webhooks report deliveries, bounces and complaints.
 *
 * @param sesTopicArns the SNS topics whose Amazon SES notifications are taken; none: the
 * SES hook refuses everything
 * @param snsCertificateUrl the pattern every SNS signing certificate's URL must match
 * (AWS's own hosts over https)
 * @param sendgridVerificationKey the public key of SendGrid's signed Event Webhook
 * (base64, as SendGrid shows it); empty: the SendGrid hook refuses everything
 * @param sendgridMaxAge how old a signed SendGrid batch may be, against replays
 */
@ConfigurationProperties("delivery.providers")
record ProviderProperties(List<String> sesTopicArns,
		@DefaultValue("https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/SimpleNotificationService-[0-9a-f]+\\.pem") String snsCertificateUrl,
		String sendgridVerificationKey, @DefaultValue("PT10M") Duration sendgridMaxAge) {

	List<String> topics() {
		return (this.sesTopicArns == null) ? List.of() : this.sesTopicArns;
	}

}
