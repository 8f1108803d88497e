package org.campaigndelivery.security;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.ProblemDocumentation;

/**
 * Adds to every /api operation what is decided outside its controller, from the same
 * rules that decide it: who may call it (the access table), its security (none for the
 * routes whose signature is their credential), and the problem answers the filters and
 * the shared checks give (400 for a bad field or parameter, 401, 403, 404 for an unknown
 * id, 413 and 415 for a body, 503 while the database is away). A controller declares what
 * is its own (its 409s, its 429), and each answer of 400 or more gets the problem detail
 * as its body.
 */
class OperationAnswers implements OpenApiCustomizer {

	private static final String WHO = "**Who**";

	@Override
	public void customise(OpenAPI openApi) {
		// here, not on the bean: SpringDoc replaces the bean's schemas with its own
		ProblemDocumentation.addTo(openApi.getComponents());
		openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> describe(path, method, operation)));
	}

	private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
		Optional<AccessRules.Rule> rule = AccessRules.RULES.stream()
			.filter((r) -> r.method().name().equals(method.name()) && r.pattern().equals(path))
			.findFirst();
		AccessRules.Access access = rule.map(AccessRules.Rule::access).orElse(AccessRules.Access.ANY_USER);
		boolean unsafe = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
				&& method != PathItem.HttpMethod.OPTIONS;
		boolean body = operation.getRequestBody() != null;
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		parameters.stream().filter((p) -> "query".equals(p.getIn())).forEach(OperationAnswers::paging);
		if (operation.getDescription() == null || !operation.getDescription().contains(WHO)) {
			operation.setDescription(joined(operation.getDescription(), who(rule)));
		}

		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		if (body || parameters.stream().anyMatch((p) -> "query".equals(p.getIn()))) {
			add(responses, "400",
					"Invalid request: each bad field or parameter is named in `errors`; nothing of the request was "
							+ "kept.");
		}
		if (access == AccessRules.Access.ANYONE) {
			operation.setSecurity(List.of());
		}
		else {
			add(responses, "401", "No credentials, or wrong ones. Within the engine's delay after a wrong password, "
					+ "every password of the user is refused, with the seconds left in Retry-After.");
			ProblemDocumentation.withRetryAfter(responses.get("401"));
		}
		String forbidden = forbidden(access, rule, unsafe);
		if (forbidden != null) {
			add(responses, "403", forbidden);
		}
		if (path.contains("{id}")) {
			add(responses, "404", "Nothing has this id.");
		}
		if (body) {
			add(responses, "413", "The body is larger than this endpoint reads (delivery.api.max-json-body, 32 MB; "
					+ "a CSV audience: delivery.api.max-csv-body, 2 GB); nothing of it was kept.");
			add(responses, "415", "The body is not of a media type this operation takes.");
		}
		add(responses, "503", "The database is unavailable, or concurrent work kept changing the same records; "
				+ "nothing of the request was kept. Send it again after Retry-After.");
		ProblemDocumentation.withRetryAfter(responses.get("503"));
		if (responses.containsKey("429")) {
			ProblemDocumentation.withRetryAfter(responses.get("429"));
		}
		responses.forEach((code, response) -> {
			if (code.compareTo("400") >= 0 && code.length() == 3) {
				response.setContent(withExamples(response));
			}
		});
		if (responses.containsKey("400")) {
			MediaType problem = responses.get("400").getContent().get(ProblemDocumentation.MEDIA_TYPE);
			if (problem.getExamples() == null || problem.getExamples().isEmpty()) {
				problem.addExamples("invalid", ProblemDocumentation.invalidRequestExample());
			}
		}
		Map<String, ApiResponse> sorted = new TreeMap<>(responses);
		ApiResponses ordered = new ApiResponses();
		sorted.forEach(ordered::addApiResponse);
		operation.setResponses(ordered);
	}

	/**
	 * The problem body, keeping the examples a controller or this class gave: a
	 * controller that declares a problem answer names only its description.
	 */
	private static Content withExamples(ApiResponse response) {
		Content content = ProblemDocumentation.content();
		if (response.getContent() != null && response.getContent().get(ProblemDocumentation.MEDIA_TYPE) != null) {
			content.get(ProblemDocumentation.MEDIA_TYPE)
				.setExamples(response.getContent().get(ProblemDocumentation.MEDIA_TYPE).getExamples());
		}
		return content;
	}

	private static String forbidden(AccessRules.Access access, Optional<AccessRules.Rule> rule, boolean unsafe) {
		String members = (access == AccessRules.Access.MEMBERS)
				? "The caller is not a member of " + String.join(", ", rule.orElseThrow().groups()) + "." : null;
		String origin = unsafe ? "A request from another origin, or one resting on a login session without the "
				+ IdentityAuthenticationFilter.PAGE_HEADER + " header, is refused." : null;
		if (members == null) {
			return origin;
		}
		return (origin == null) ? members : members + " " + origin;
	}

	private static String who(Optional<AccessRules.Rule> rule) {
		if (rule.isEmpty() || rule.get().access() == AccessRules.Access.ANY_USER) {
			return WHO + ": any authenticated user.";
		}
		if (rule.get().access() == AccessRules.Access.ANYONE) {
			return WHO + ": anyone; the request's own signature is its credential.";
		}
		return WHO + ": members of " + String.join(", ", rule.get().groups()) + ".";
	}

	/** page and size take whole numbers only, within {@link Paging}'s bounds. */
	private static void paging(Parameter parameter) {
		if ("page".equals(parameter.getName())) {
			parameter.description("The page, from 0.")
				.schema(new IntegerSchema().minimum(BigDecimal.ZERO)
					.maximum(BigDecimal.valueOf(Paging.MAX_PAGE))
					._default(0));
		}
		else if ("size".equals(parameter.getName())) {
			parameter.description("The entries in a page.")
				.schema(new IntegerSchema().minimum(BigDecimal.ONE)
					.maximum(BigDecimal.valueOf(Paging.MAX_SIZE))
					._default(Paging.DEFAULT_SIZE));
		}
	}

	/** The answer the controller declared, or this one. */
	private static void add(ApiResponses responses, String code, String description) {
		if (!responses.containsKey(code)) {
			responses.addApiResponse(code, ProblemDocumentation.response(description));
		}
	}

	private static String joined(String description, String who) {
		return (description == null || description.isBlank()) ? who : description + "\n\n" + who;
	}

}
