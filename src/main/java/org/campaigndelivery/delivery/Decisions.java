package org.campaigndelivery.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

import org.campaigndelivery.api.RequestBinder;

/**
 * The decisions people take on a delivery and their rules, whichever door a decision
 * comes through: the bodies of /api's approval and confirmation, and the variables a
 * Tasklist form or /engine-rest completes the user tasks with.
 */
public final class Decisions {

	static final int COMMENT_MAX_LENGTH = 4000;

	private Decisions() {
	}

	/**
	 * A yes/no decision: a boolean, or the string "true"/"false" a Camunda Form's radio
	 * group submits; null for anything else, which is no decision.
	 */
	public static Boolean yesOrNo(Object value) {
		if (value instanceof Boolean b) {
			return b;
		}
		return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
	}

	/**
	 * What is wrong with a decided approval's comment, or null: rejecting needs a comment
	 * saying why, and no comment is longer than 4,000 characters.
	 */
	public static String commentProblem(boolean approved, String comment) {
		if (comment != null && comment.length() > COMMENT_MAX_LENGTH) {
			return "must be at most " + COMMENT_MAX_LENGTH + " characters long";
		}
		if (!approved && (comment == null || comment.isBlank())) {
			return "is required when rejecting: say why";
		}
		return null;
	}

	static Approval approval(JsonNode body, RequestBinder binder) {
		RequestBinder.Binding binding = binder.binding();
		ApprovalRequest request = binding.body(body, ApprovalRequest.class);
		if (request.approved() != null && !binding.hasProblem("comment")) {
			String problem = commentProblem(request.approved(), request.comment());
			if (problem != null) {
				binding.problem("comment", problem);
			}
		}
		binding.check();
		return new Approval(request.approved(), request.comment());
	}

	static boolean confirmation(JsonNode body, RequestBinder binder) {
		return binder.read(body, ConfirmationRequest.class).confirmed();
	}

	@Schema(name = "ApprovalDecision", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record ApprovalRequest(
			@Schema(description = "true approves, false rejects.") @NotNull(
					message = "is required: true or false") Boolean approved,
			@Schema(description = "Why; required when rejecting.", maxLength = COMMENT_MAX_LENGTH,
					example = "Checked the proof") String comment) {
	}

	@Schema(name = "ConfirmationDecision", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record ConfirmationRequest(@Schema(description = "true sends, false cancels the delivery.") @NotNull(
			message = "is required: true or false") Boolean confirmed) {
	}

	record Approval(boolean approved, String comment) {
	}

}
