package org.campaigndelivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.api.OtherFields;
import org.campaigndelivery.delivery.DeliveryRequest;
import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description as it is served: each operation's request, its success and the
 * problem answers it may give, tagged by capability. It is also written to
 * target/openapi.json, where the build's Spectral lint reads it.
 */
@ApplicationTest
class ApiDescriptionTests {

	private static final String PROBLEM = "#/components/schemas/Problem";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	JsonNode description;

	@BeforeEach
	void readDescription() throws IOException {
		String served = this.rest.getForObject("/v3/api-docs", String.class);
		this.description = this.objectMapper.readTree(served);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "openapi.json"),
				this.objectMapper.writerWithDefaultPrettyPrinter().writeValueAsString(this.description));
	}

	@Test
	void describesTheCreationOfADeliveryWithItsFieldsItsAnswerAndItsProblems() {
		JsonNode create = this.description.at("/paths/~1api~1deliveries/post");
		JsonNode body = create.at("/requestBody/content/application~1json");
		assertThat(body.at("/examples").size()).as("an example body").isPositive();
		JsonNode schema = resolve(body.get("schema"));
		assertThat(texts(schema.get("required"))).containsExactlyInAnyOrder("label", "from", "subject", "html");
		assertThat(schema.get("additionalProperties").asBoolean(true)).as("other fields are refused").isFalse();
		JsonNode properties = schema.get("properties");
		assertThat(properties.at("/label/maxLength").asInt()).isEqualTo(255);
		assertThat(properties.at("/from/format").asText()).isEqualTo("email");
		assertThat(properties.at("/contactDate/format").asText()).isEqualTo("date-time");
		assertThat(properties.at("/validityPeriod/format").asText()).isEqualTo("duration");
		assertThat(texts(properties.at("/approvalMode/enum"))).containsExactly("MANUAL", "SEMI_AUTOMATIC", "AUTOMATIC");
		assertThat(properties.at("/recipients/maxItems").asInt()).isEqualTo(100_000);
		assertThat(resolve(properties.at("/guard")).at("/properties/maxComplaintRate/maximum").asInt()).isEqualTo(100);

		assertThat(create.at("/responses/201/headers/Location").isObject()).isTrue();
		assertThat(create.at("/responses/200").isMissingNode()).isTrue();
		assertThat(create.at("/responses/201/content/application~1json/schema/$ref").asText()).isNotEmpty();
		for (String code : List.of("400", "401", "403", "413", "415", "503")) {
			assertThat(create.at("/responses/" + code + "/content/application~1problem+json/schema/$ref").asText())
				.as("the %s answer", code)
				.isEqualTo(PROBLEM);
		}
		JsonNode problem = resolve(create.at("/responses/400/content/application~1problem+json/schema"));
		assertThat(texts(problem.get("properties").fieldNames())).contains("type", "title", "status", "detail",
				"instance", "errors");
		assertThat(resolve(problem.at("/properties/errors/items")).at("/properties").has("field")).isTrue();
	}

	/**
	 * The description is read from the record the binder binds, so it cannot drift from
	 * it.
	 */
	@Test
	void describesEveryFieldTheDeliveryRequestBinds() {
		JsonNode schema = resolve(
				this.description.at("/paths/~1api~1deliveries/post/requestBody/content/application~1json/schema"));
		List<String> bound = Arrays.stream(DeliveryRequest.class.getRecordComponents())
			.filter((component) -> !component.isAnnotationPresent(OtherFields.class))
			.map((component) -> component.getName())
			.toList();
		assertThat(texts(schema.get("properties").fieldNames())).containsExactlyInAnyOrderElementsOf(bound);
	}

	@Test
	void describesARecurringDeliveryAsADeliveryWithASchedule() {
		JsonNode schema = resolve(this.description
			.at("/paths/~1api~1recurring-deliveries/post/requestBody/content/application~1json/schema"));
		assertThat(texts(schema.get("properties").fieldNames()))
			.contains("label", "recipients", "audienceId", "schedule", "timeZone", "until", "aggregationPeriod",
					"confirmBeforeSend")
			.doesNotContain("contactDate", "guard");
		assertThat(texts(schema.get("required"))).contains("label", "schedule");
	}

	@Test
	void tagsEveryOperationByCapabilityWithItsSuccessAndProblemAnswers() {
		Set<String> tags = new TreeSet<>();
		this.description.get("tags").forEach((tag) -> {
			assertThat(tag.get("description").asText()).as("tag %s", tag.get("name")).isNotBlank();
			tags.add(tag.get("name").asText());
		});
		List<String> operations = new ArrayList<>();
		this.description.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((entry) -> {
			String name = entry.getKey().toUpperCase() + " " + path.getKey();
			JsonNode operation = entry.getValue();
			operations.add(name);
			assertThat(path.getKey()).startsWith("/api/");
			assertThat(texts(operation.get("tags"))).as(name).hasSize(1).allSatisfy((tag) -> {
				assertThat(tag).doesNotEndWith("-controller");
				assertThat(tags).contains(tag);
			});
			assertThat(operation.get("summary").asText()).as(name).isNotBlank();
			assertThat(operation.get("description").asText()).as(name).contains("**Who**");
			Set<String> codes = texts(operation.get("responses").fieldNames());
			assertThat(codes).as(name).anyMatch((code) -> code.startsWith("2"));
			boolean open = operation.has("security") && operation.get("security").isEmpty();
			if (!open) {
				assertThat(codes).as(name).contains("401");
			}
			if (!entry.getKey().equals("get")) {
				assertThat(codes).as(name + ": another origin, or a session without the header").contains("403");
			}
			boolean queried = operation.has("parameters")
					&& operation.get("parameters").findValuesAsText("in").contains("query");
			if (operation.has("requestBody") || queried) {
				assertThat(codes).as(name).contains("400");
			}
			if (operation.has("requestBody")) {
				assertThat(codes).as(name).contains("413", "415");
			}
			operation.get("responses").properties().forEach((response) -> {
				if (response.getKey().compareTo("400") >= 0) {
					assertThat(texts(response.getValue().get("content").fieldNames()))
						.as(name + " " + response.getKey())
						.containsExactly("application/problem+json");
				}
			});
		}));
		assertThat(operations).hasSizeGreaterThan(25);
		assertThat(this.description.at("/paths/~1api~1hooks~1ses/post/security").isEmpty())
			.as("a provider's signature, not a user")
			.isTrue();
	}

	@Test
	void swaggerUiSendsThePagesHeader() {
		assertThat(this.rest.getForObject("/swagger-ui/swagger-initializer.js", String.class))
			.contains("requestInterceptor")
			.contains("X-Requested-With");
	}

	private JsonNode resolve(JsonNode schema) {
		JsonNode ref = schema.get("$ref");
		if (ref == null) {
			return schema;
		}
		return this.description.at(ref.asText().substring(1));
	}

	private static Set<String> texts(JsonNode array) {
		Set<String> texts = new java.util.LinkedHashSet<>();
		array.forEach((item) -> texts.add(item.asText()));
		return texts;
	}

	private static Set<String> texts(java.util.Iterator<String> names) {
		Set<String> texts = new java.util.LinkedHashSet<>();
		names.forEachRemaining(texts::add);
		return texts;
	}

}
