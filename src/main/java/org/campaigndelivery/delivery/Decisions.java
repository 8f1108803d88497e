package org.campaigndelivery.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.InvalidRequestException.FieldProblem;

/** Reads the bodies of the approval and confirmation requests. */
final class Decisions {

	private Decisions() {
	}

	static Approval approval(JsonNode body) {
		List<FieldProblem> problems = new ArrayList<>();
		requireObject(body, Set.of("approved", "comment"), problems);
		JsonNode approved = body.path("approved");
		JsonNode comment = body.path("comment");
		if (!approved.isBoolean()) {
			problems.add(new FieldProblem("approved", "is required: true or false"));
		}
		if (!comment.isMissingNode() && !comment.isNull() && !comment.isTextual()) {
			problems.add(new FieldProblem("comment", "must be a string"));
		}
		else if (comment.asText("").length() > 4000) {
			problems.add(new FieldProblem("comment", "must be at most 4000 characters long"));
		}
		else if (approved.isBoolean() && !approved.booleanValue() && comment.asText("").isBlank()) {
			problems.add(new FieldProblem("comment", "is required when rejecting: say why"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return new Approval(approved.booleanValue(), comment.isTextual() ? comment.asText() : null);
	}

	static boolean confirmation(JsonNode body) {
		List<FieldProblem> problems = new ArrayList<>();
		requireObject(body, Set.of("confirmed"), problems);
		JsonNode confirmed = body.path("confirmed");
		if (!confirmed.isBoolean()) {
			problems.add(new FieldProblem("confirmed", "is required: true or false"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return confirmed.booleanValue();
	}

	private static void requireObject(JsonNode body, Set<String> fields, List<FieldProblem> problems) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("(body)", "must be a JSON object");
		}
		body.fieldNames().forEachRemaining(name -> {
			if (!fields.contains(name)) {
				problems.add(new FieldProblem(name, "is not a known field"));
			}
		});
	}

	record Approval(boolean approved, String comment) {
	}

}
