package org.campaigndelivery.security;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springdoc.webmvc.ui.SwaggerIndexTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of /api (at /v3/api-docs, Swagger UI at /swagger-ui.html): HTTP
 * Basic against the same users as Tasklist, or an API token; the caller is never a
 * parameter. Each capability's controllers describe their operations; what all share (who
 * may call, the problem answers) is added to every operation by {@link OperationAnswers},
 * from the access table itself.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String BASIC = "basic";

	static final String TOKEN = "token";

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	@Bean
	OpenAPI campaignDeliveryApi() {
		Components components = new Components()
			.addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("A Camunda user and its password. The engine delays a user's logins after "
								+ "wrong passwords: machine clients should use an API token."))
			.addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.description("An API token (cdt_...) an admin made with POST /api/tokens; it acts as its user."));
		return new OpenAPI()
			.info(new Info().title("campaign-delivery API")
				.version("1")
				.contact(new Contact().name("campaign-delivery"))
				.description("""
						Deliveries, recurring deliveries, audiences, MTA feedback, quarantine and the recipients' \
						history. Each operation says who may call it: the groups are Camunda groups.

						Errors are RFC 9457 problem details (application/problem+json) naming what is wrong; a 400 \
						lists every bad field of the request in `errors`, and nothing of it is kept. A field the \
						request does not have is refused, and so is a value of the wrong JSON type.

						In Swagger UI, a user logged in on the login page (/login) calls the API with that \
						login; Authorize takes HTTP Basic credentials or an API token instead."""))
			.components(components)
			.addSecurityItem(new SecurityRequirement().addList(BASIC))
			.addSecurityItem(new SecurityRequirement().addList(TOKEN))
			.tags(tags());
	}

	/** The capabilities, in the order a newcomer meets them. */
	private static List<Tag> tags() {
		return List.of(
				tag("Deliveries",
						"Create a delivery, follow it through approval, confirmation and sending, "
								+ "pause, resume or cancel it."),
				tag("Preparation",
						"What the preparation found: exclusions, the control rules' findings, a proof of "
								+ "the message for one recipient."),
				tag("Sending logs",
						"One log per recipient of a delivery; its delivered and failed messages over time."),
				tag("Recurring deliveries", "A delivery sent on a schedule, each occurrence a delivery of its own."),
				tag("Audiences", "Recipients imported from CSV, for deliveries larger than an inline list."),
				tag("Feedback",
						"The MTA's events (delivered, bounced, complained, delayed) that move the sending logs."),
				tag("Bounces", "Bounce reports and other mail the MTA returns, posted raw."),
				tag("Provider webhooks",
						"Hosted MTAs' signed event webhooks (Amazon SES through SNS, SendGrid): no "
								+ "user, the provider's signature is the credential."),
				tag("Quarantine", "Addresses set aside after bounces, complaints or unsubscribes."),
				tag("Recipients", "A recipient's history: every message sent to an address."),
				tag("Alerts", "Deliveries that need a starter: paused by the reputation guard, failed, stalled."),
				tag("Users", "Who the caller is."),
				tag("API tokens", "Machine clients' credentials, made and revoked by admins."),
				tag("Maintenance", "The data lifecycle: cleanup runs that purge what the retention periods let go, and "
						+ "what each purged."));
	}

	private static Tag tag(String name, String description) {
		return new Tag().name(name).description(description);
	}

	@Bean
	OpenApiCustomizer operationAnswers() {
		return new OperationAnswers();
	}

	/** Swagger UI, whose calls with the login session carry the pages' header. */
	@Bean
	SwaggerIndexTransformer swaggerIndexTransformer(SwaggerUiConfigProperties swaggerUiConfig,
			SwaggerUiOAuthProperties swaggerUiOAuthProperties, SwaggerWelcomeCommon swaggerWelcomeCommon,
			ObjectMapperProvider objectMapperProvider) {
		return new SwaggerUiPageHeader(swaggerUiConfig, swaggerUiOAuthProperties, swaggerWelcomeCommon,
				objectMapperProvider);
	}

}
