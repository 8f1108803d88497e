package org.campaigndelivery.workflow;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws, and /engine-rest answers a wrapped
 * refusal with 500. The listeners of the delivery's user tasks refuse completions on
 * purpose (no decision, not a starter), so a refusal found in the cause chain is answered
 * as what it is: 403 for an authorization, 400 for a bad request.
 */
@Component
class EngineRestRefusals implements ResourceConfigCustomizer {

	@Override
	public void customize(ResourceConfig config) {
		config.register(RefusalMapper.class);
	}

	@Priority(1)
	static class RefusalMapper implements ExceptionMapper<RestException> {

		@Override
		public Response toResponse(RestException exception) {
			for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof AuthorizationException || cause instanceof BadUserRequestException) {
					return ExceptionHandlerHelper.getInstance().getResponse(cause);
				}
			}
			return new RestExceptionHandler().toResponse(exception);
		}

	}

}
