package org.campaigndelivery.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.InvalidRequestException.FieldProblem;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.RequestBodies;

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

	static Approval approval(JsonNode body) {
		List<FieldProblem> problems = new ArrayList<>();
		RequestBodies.rejectUnknownFields(RequestBodies.object(body), Set.of("approved", "comment"), "", problems);
		JsonNode approved = body.path("approved");
		JsonNode comment = body.path("comment");
		if (!approved.isBoolean()) {
			problems.add(new FieldProblem("approved", "is required: true or false"));
		}
		if (!comment.isMissingNode() && !comment.isNull() && !comment.isTextual()) {
			problems.add(new FieldProblem("comment", "must be a string"));
		}
		else if (approved.isBoolean()) {
			String problem = commentProblem(approved.booleanValue(), comment.isTextual() ? comment.asText() : null);
			if (problem != null) {
				problems.add(new FieldProblem("comment", problem));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return new Approval(approved.booleanValue(), comment.isTextual() ? comment.asText() : null);
	}

	static boolean confirmation(JsonNode body) {
		List<FieldProblem> problems = new ArrayList<>();
		RequestBodies.rejectUnknownFields(RequestBodies.object(body), Set.of("confirmed"), "", problems);
		JsonNode confirmed = body.path("confirmed");
		if (!confirmed.isBoolean()) {
			problems.add(new FieldProblem("confirmed", "is required: true or false"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return confirmed.booleanValue();
	}

	record Approval(boolean approved, String comment) {
	}

}
