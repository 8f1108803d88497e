package org.campaigndelivery.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.campaigndelivery.api.OtherFields;

/**
 * The fields of a request to create a delivery as they were sent, each checked on its
 * own; {@link DeliveryRequestParser} checks how they go together. A recurring delivery's
 * request holds them too.
 */
public record DeliveryRequest(@NotBlank(message = REQUIRED) @Size(max = 255, message = AT_MOST) String label,
		@NotBlank(message = REQUIRED) @Size(max = 320, message = AT_MOST) String from,
		@NotBlank(message = REQUIRED) @Size(max = 998, message = AT_MOST) String subject,
		@NotBlank(message = REQUIRED) @Size(max = 1_000_000, message = AT_MOST) String html,
		@Size(max = 1_000_000, message = AT_MOST) String text,
		@Size(min = 1, max = DeliveryRequestParser.MAX_INLINE_RECIPIENTS,
				message = "must hold from {min} to {max} recipients; import an audience for more") List<Recipient> recipients,
		@Size(max = 36, message = AT_MOST) String audienceId, Boolean emailFeedbackService, ApprovalMode approvalMode,
		OffsetDateTime contactDate,
		@DurationMin(nanos = 1, message = POSITIVE) @DurationMax(days = 30,
				message = "must be at most P30D") Duration validityPeriod,
		@DurationMin(nanos = 1, message = POSITIVE) Duration retryPeriod, Boolean tracking, @Valid Guard guard) {

	static final String REQUIRED = "is required and must not be blank";

	static final String AT_MOST = "must be at most {max} characters long";

	static final String POSITIVE = "must be a positive ISO-8601 duration such as P3DT12H or PT1H";

	/**
	 * The delivery's own limits for the reputation guard; those left out are the
	 * defaults.
	 */
	record Guard(
			@Min(value = 1, message = "must be at least {value}") @Max(value = 100_000_000,
					message = "must be at most {value}") Integer minimumSample,
			@DecimalMin(value = "0", message = PERCENT) @DecimalMax(value = "100",
					message = PERCENT) Double maxHardBounceRate,
			@DecimalMin(value = "0", message = PERCENT) @DecimalMax(value = "100",
					message = PERCENT) Double maxComplaintRate) {
	}

	static final String PERCENT = "must be a percentage from 0 to 100";

	/**
	 * One recipient given inline; every other field personalises.
	 */
	record Recipient(
			// a misspelt key would otherwise be a personalisation field, and the
			// recipient an empty address excluded at preparation
			@NotNull(message = "is required (it may be empty: the recipient is then excluded)") @Size(max = 320,
					message = AT_MOST) String email,
			@Size(max = 255, message = AT_MOST) String firstName, @Size(max = 255, message = AT_MOST) String lastName,
			@OtherFields Map<String, Object> attributes) {
	}

}
