package org.campaigndelivery.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.ui.SwaggerIndexPageTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;

import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Swagger UI as SpringDoc serves it, but for one line of its start script: its calls to
 * this origin carry the header the product's pages send, so that "Try it out" works for a
 * user logged in with the login page as the pages do. Like the pages' header, it only
 * says the call comes from a page of this application: a page of another site cannot add
 * it without the browser asking this application first, which it never allows.
 */
class SwaggerUiPageHeader extends SwaggerIndexPageTransformer {

	/** Where SpringDoc's own request interceptors go in the start script too. */
	private static final String PRESETS = "presets: [";

	static final String INTERCEPTOR = """
			requestInterceptor: (request) => {
			    if (new URL(request.url, document.location.href).origin === document.location.origin) {
			      request.headers['%s'] = 'campaign-delivery';
			    }
			    return request;
			  },
			  """.formatted(IdentityAuthenticationFilter.PAGE_HEADER);

	SwaggerUiPageHeader(SwaggerUiConfigProperties swaggerUiConfig, SwaggerUiOAuthProperties swaggerUiOAuthProperties,
			SwaggerWelcomeCommon swaggerWelcomeCommon, ObjectMapperProvider objectMapperProvider) {
		super(swaggerUiConfig, swaggerUiOAuthProperties, swaggerWelcomeCommon, objectMapperProvider);
	}

	@Override
	public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain transformerChain)
			throws IOException {
		Resource transformed = super.transform(request, resource, transformerChain);
		if (!(transformed instanceof TransformedResource script)) {
			return transformed;
		}
		String text = new String(script.getByteArray(), StandardCharsets.UTF_8);
		return new TransformedResource(resource,
				text.replace(PRESETS, INTERCEPTOR + PRESETS).getBytes(StandardCharsets.UTF_8));
	}

}
