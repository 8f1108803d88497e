package org.campaigndelivery.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(description = "A delivery: its message, its recipients or audience, how it is approved and sent. "
		+ "Either recipients or audienceId, never both. Any other field is refused.",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record DeliveryRequest(
		@Schema(description = "What the delivery is called.",
				example = "Winter sale") @NotBlank(message = REQUIRED) @Size(max = 255, message = AT_MOST) String label,
		@Schema(description = "The sender's address.", format = "email", example = "news@shop.example.com") @NotBlank(
				message = REQUIRED) @Size(max = 320, message = AT_MOST) String from,
		@Schema(description = "A Mustache template: {{email}}, {{firstName}}, {{lastName}} and every other field "
				+ "of a recipient; line breaks are removed.",
				example = "Hello {{firstName}}, the sale starts") @NotBlank(
						message = REQUIRED) @Size(max = 998, message = AT_MOST) String subject,
		@Schema(description = "The HTML part, a Mustache template; values are HTML-escaped ({{{raw}}} opts out).",
				example = "<p>Hello {{firstName}}</p>") @NotBlank(
						message = REQUIRED) @Size(max = 1_000_000, message = AT_MOST) String html,
		@Schema(description = "The text part, a Mustache template like html; not blank when given. Without it the "
				+ "text part is read from the personalised HTML.") @Size(max = 1_000_000,
						message = AT_MOST) String text,
		@Schema(description = "The recipients, inline; required unless audienceId is given.") @Size(min = 1,
				max = DeliveryRequestParser.MAX_INLINE_RECIPIENTS,
				message = "must hold from {min} to {max} recipients; import an audience for more") List<Recipient> recipients,
		@Schema(description = "An audience imported with POST /api/audiences; required unless recipients are given.",
				example = "5f0c6a52-7f39-4f0e-9a57-3b1c2c8a9d10") @Size(max = 36, message = AT_MOST) String audienceId,
		@Schema(description = "Whether the MTA reports each delivery (a message counts as delivered "
				+ "once reported) rather than each relay.", defaultValue = "false") Boolean emailFeedbackService,
		@Schema(description = "MANUAL: an approver always reviews it; SEMI_AUTOMATIC: only when its "
				+ "preparation raised warnings; AUTOMATIC: no approval (the send is still confirmed).",
				defaultValue = "MANUAL") ApprovalMode approvalMode,
		@Schema(description = "When it is sent once confirmed (ISO-8601 with offset); without it, at once.",
				example = "2030-01-31T09:00:00Z") OffsetDateTime contactDate,
		@Schema(type = "string", format = "duration",
				description = "From the start of the sending, how long soft bounces are retried; "
						+ "positive, at most P30D.",
				defaultValue = "P3DT12H", example = "P3DT12H") @DurationMin(nanos = 1, message = POSITIVE) @DurationMax(
						days = 30, message = "must be at most P30D") Duration validityPeriod,
		@Schema(type = "string", format = "duration",
				description = "How long between two retry waves of the soft-bounced messages; positive, "
						+ "at most the validity period.",
				defaultValue = "PT1H",
				example = "PT1H") @DurationMin(nanos = 1, message = POSITIVE) Duration retryPeriod,
		@Schema(description = "Whether links become click URLs and an open pixel closes the body; false leaves "
				+ "the HTML untouched.", defaultValue = "true") Boolean tracking,
		@Schema(description = "This delivery's own limits for the reputation guard; those left out are "
				+ "delivery.guard.*'s.") @Valid Guard guard) {

	static final String REQUIRED = "is required and must not be blank";

	static final String AT_MOST = "must be at most {max} characters long";

	static final String POSITIVE = "must be a positive ISO-8601 duration such as P3DT12H or PT1H";

	/**
	 * The delivery's own limits for the reputation guard; those left out are the
	 * defaults.
	 */
	@Schema(name = "GuardLimits", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record Guard(
			@Schema(description = "Messages sent before the guard judges the rates.") @Min(value = 1,
					message = "must be at least {value}") @Max(value = 100_000_000,
							message = "must be at most {value}") Integer minimumSample,
			@Schema(description = "Percent of the messages sent that may fail on a hard bounce.") @DecimalMin(
					value = "0",
					message = PERCENT) @DecimalMax(value = "100", message = PERCENT) Double maxHardBounceRate,
			@Schema(description = "Percent of the messages delivered that may be reported as spam.") @DecimalMin(
					value = "0",
					message = PERCENT) @DecimalMax(value = "100", message = PERCENT) Double maxComplaintRate) {
	}

	static final String PERCENT = "must be a percentage from 0 to 100";

	/**
	 * One recipient given inline; every other field personalises.
	 */
	@Schema(name = "InlineRecipient",
			description = "One recipient; every other field (a string, number, boolean or null) personalises.",
			additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
	record Recipient(
			// a misspelt key would otherwise be a personalisation field, and the
			// recipient an empty address excluded at preparation
			@Schema(description = "The address; it may be empty or invalid, and the recipient is then excluded at "
					+ "preparation.", example = "alice@example.com") @NotNull(
							message = "is required (it may be empty: the recipient is then excluded)") @Size(max = 320,
									message = AT_MOST) String email,
			@Schema(example = "Alice") @Size(max = 255, message = AT_MOST) String firstName,
			@Size(max = 255, message = AT_MOST) String lastName,
			@Schema(hidden = true) @OtherFields Map<String, Object> attributes) {
	}

}
