package org.campaigndelivery.api;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.InvalidRequestException.FieldProblem;

/** What every JSON request body of /api is checked for before its fields are read. */
public final class RequestBodies {

	private RequestBodies() {
	}

	/** The body, which must be a JSON object: anything else is refused as a whole. */
	public static JsonNode object(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("(body)", "must be a JSON object");
		}
		return body;
	}

	/**
	 * Names each field of the object that is none of the known ones, so that a misspelt
	 * field is refused instead of silently ignored.
	 * @param prefix how the object is named in problems ("[3]." or "recipients[0]."), or
	 * "" for the body itself
	 */
	public static void rejectUnknownFields(JsonNode object, Set<String> known, String prefix,
			List<FieldProblem> problems) {
		object.fieldNames().forEachRemaining(name -> {
			if (!known.contains(name)) {
				problems.add(new FieldProblem(prefix + name, "is not a known field"));
			}
		});
	}

}
