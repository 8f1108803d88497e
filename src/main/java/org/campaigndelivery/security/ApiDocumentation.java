package org.campaigndelivery.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of /api (at /v3/api-docs, Swagger UI at /swagger-ui.html): HTTP
 * Basic against the same users as Tasklist; the caller is never a parameter.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	@Bean
	OpenAPI campaignDeliveryApi() {
		return new OpenAPI()
			.info(new Info().title("campaign-delivery API")
				.version("1")
				.description("Deliveries, recurring deliveries, audiences, MTA feedback, quarantine and the "
						+ "recipients' history. Errors are RFC 9457 problem details naming what is wrong."))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
