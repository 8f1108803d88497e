package org.campaigndelivery.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.campaigndelivery.audience.Recipient;

/**
 * A validated request to create a delivery. Exactly one of recipients and audienceId is
 * set.
 *
 * @param text the text part's template, or null to derive it from the personalised HTML
 * @param contactDate when to send; null sends right after confirmation
 * @param tracking whether opens and clicks are tracked
 */
public record NewDelivery(String label, String from, String subject, String html, String text,
		List<Recipient> recipients, String audienceId, boolean emailFeedbackService, ApprovalMode approvalMode,
		OffsetDateTime contactDate, Duration validityPeriod, Duration retryPeriod, boolean tracking,
		GuardLimits guard) {

	public static final Duration DEFAULT_VALIDITY_PERIOD = Duration.parse("P3DT12H");

	public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofHours(1);

}
