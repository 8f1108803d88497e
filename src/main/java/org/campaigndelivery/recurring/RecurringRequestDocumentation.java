package org.campaigndelivery.recurring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.campaigndelivery.delivery.DeliveryRequest;

import org.springframework.stereotype.Component;

/**
 * The OpenAPI schema of a request to set up a recurring delivery. Its body is one object
 * holding the fields of two records ({@link DeliveryRequest} but the fields a recurring
 * delivery refuses, and the schedule's), which no single class describes: the schema is
 * made of theirs, so that it follows their constraints.
 */
@Component
class RecurringRequestDocumentation implements OpenApiCustomizer {

	static final String SCHEMA = "RecurringDeliveryRequest";

	static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;

	/** The delivery's fields a recurring delivery refuses. */
	private static final Set<String> REFUSED = Set.of("contactDate", "guard");

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public void customise(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Schema<?> delivery = schemas.get(DeliveryRequest.class.getSimpleName());
		Schema<?> schedule = ModelConverters.getInstance()
			.read(RecurringRequestParser.ScheduleRequest.class)
			.get(RecurringRequestParser.ScheduleRequest.class.getSimpleName());
		if (delivery == null || schedule == null) {
			return;
		}
		Map<String, Schema> properties = new LinkedHashMap<>();
		delivery.getProperties().forEach((name, property) -> {
			if (!REFUSED.contains(name)) {
				properties.put(name, property);
			}
		});
		properties.putAll(schedule.getProperties());
		List<String> required = new ArrayList<>(delivery.getRequired());
		required.addAll(schedule.getRequired());
		schemas.put(SCHEMA,
				new ObjectSchema()
					.description("A delivery's fields (but contactDate and guard) and its schedule's. Either "
							+ "recipients or audienceId, never both. Any other field is refused.")
					.properties(properties)
					.required(required)
					.additionalProperties(false));
	}

}
