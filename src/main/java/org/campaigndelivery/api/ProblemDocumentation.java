package org.campaigndelivery.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * How the OpenAPI description shows the problem details of {@link ApiExceptionHandler}
 * and {@link FilterProblems}: one schema with the fields they write, {@code errors} as
 * {@link InvalidRequestException} lists them, and the {@code Retry-After} header of the
 * refusals that may be sent again.
 */
public final class ProblemDocumentation {

	public static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String PROBLEM = "Problem";

	private static final String FIELD_PROBLEM = "FieldProblem";

	private static final String RETRY_AFTER = "RetryAfter";

	private ProblemDocumentation() {
	}

	/** Adds the schemas and the header the problem answers refer to. */
	public static void addTo(Components components) {
		components.addSchemas(FIELD_PROBLEM, new ObjectSchema().description("One bad field or parameter of a request.")
			.addProperty("field", new StringSchema()
				.description("The field as the request named it: a path into the body (label, recipients[2].email, "
						+ "[3].type for the third event of a batch), a query parameter, (body) for the body as a whole.")
				.example("recipients[2].email"))
			.addProperty("message",
					new StringSchema().description("What is wrong with it, and what it must be.")
						.example("must be at most 320 characters long"))
			.required(List.of("field", "message")));
		components.addSchemas(PROBLEM, new ObjectSchema().description("An RFC 9457 problem detail.")
			.addProperty("type",
					new StringSchema().format("uri-reference")
						.description("Always about:blank: the status and the title say what kind of problem it is.")
						.example("about:blank"))
			.addProperty("title", new StringSchema().description("The kind of problem.").example("Invalid request"))
			.addProperty("status",
					new IntegerSchema().minimum(BigDecimal.valueOf(400))
						.maximum(BigDecimal.valueOf(599))
						.description("The HTTP status of the answer.")
						.example(400))
			.addProperty("detail",
					new StringSchema().description("What is wrong, for a person to read.")
						.example("recipients[2].email must be at most 320 characters long"))
			.addProperty("instance",
					new StringSchema().format("uri-reference")
						.description("The path of the request refused.")
						.example("/api/deliveries"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref(FIELD_PROBLEM))
						.description("Every bad field or parameter of the request, in a 400 Invalid request only."))
			.required(List.of("type", "title", "status")));
		components.addHeaders(RETRY_AFTER,
				new Header().description("Seconds after which the same request may be sent again.")
					.schema(new IntegerSchema().minimum(BigDecimal.ONE)));
	}

	/** An answer with a problem detail as its body. */
	public static ApiResponse response(String description) {
		return new ApiResponse().description(description).content(content());
	}

	/** The body of a problem answer. */
	public static Content content() {
		return new Content().addMediaType(MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref(PROBLEM)));
	}

	/** The same answer, saying when the request may be sent again. */
	public static ApiResponse withRetryAfter(ApiResponse response) {
		return response.headers(Map.of("Retry-After", new Header().$ref(RETRY_AFTER)));
	}

	/** An example of a 400 answer as the binder words it. */
	public static Example invalidRequestExample() {
		return new Example().summary("Two bad fields")
			.value(ordered("type", "about:blank", "title", "Invalid request", "status", 400, "detail",
					"label is required and must not be blank; recipients[2].email must be at most 320 characters long",
					"instance", "/api/deliveries", "errors",
					List.of(ordered("field", "label", "message", "is required and must not be blank"), ordered("field",
							"recipients[2].email", "message", "must be at most 320 characters long"))));
	}

	/** Keys and values in the order the answer has them, as Swagger UI shows them. */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
