package org.campaigndelivery.engine;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws, and /engine-rest answers a wrapped
 * refusal with 500. The listeners of the delivery's user tasks refuse completions on
 * purpose (no decision, not a starter, a variable that is no decision), so a refusal
 * found in the cause chain is answered as what it is: 403 for an authorization, 400 for a
 * bad request or another mistake of the caller's the engine names, 404 for what the
 * request names and does not exist.
 */
@Component
class EngineRestRefusals implements ResourceConfigCustomizer {

	/**
	 * The engine's codes for a request it cannot carry out as asked: a variable in Java's
	 * serialization format (which it is configured to refuse), a BPMN error or escalation
	 * thrown at a task that nothing catches, conditions evaluated where no conditional
	 * start event listens, a process definition deleted without its running instances.
	 */
	private static final List<String> CALLERS_MISTAKES = List.of("ENGINE-17007", "ENGINE-02042", "ENGINE-02043",
			"ENGINE-13043", "ENGINE-03076");

	/** How the engine's null checks say that what a request names does not exist. */
	private static final List<String> NOT_FOUND = List.of("doesn't exist", "not found", "Cannot find");

	@Override
	public void customize(ResourceConfig config) {
		config.register(RefusalMapper.class);
		config.register(EngineRefusalMapper.class);
	}

	/**
	 * The answer for the first refusal in the chain, null for none: 403 for an
	 * authorization, 400 for a bad request or the caller's mistake, 404 for what the
	 * request names and does not exist.
	 */
	private static Response refusal(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof AuthorizationException || cause instanceof BadUserRequestException) {
				return ExceptionHandlerHelper.getInstance().getResponse(cause);
			}
			String message = String.valueOf(cause.getMessage());
			if (cause instanceof ProcessEngineException && CALLERS_MISTAKES.stream().anyMatch(message::startsWith)) {
				return ExceptionHandlerHelper.getInstance().getResponse(new BadUserRequestException(message));
			}
			if (cause instanceof NullValueException) {
				// a task completed meanwhile, or a value the request left out
				return ExceptionHandlerHelper.getInstance()
					.getResponse(new RestException(NOT_FOUND.stream().anyMatch(message::contains)
							? Response.Status.NOT_FOUND : Response.Status.BAD_REQUEST, message));
			}
		}
		return null;
	}

	@Priority(1)
	static class RefusalMapper implements ExceptionMapper<RestException> {

		@Override
		public Response toResponse(RestException exception) {
			Response refusal = refusal(exception.getCause());
			return (refusal != null) ? refusal : new RestExceptionHandler().toResponse(exception);
		}

	}

	/** The same refusals where the engine's exception reaches /engine-rest unwrapped. */
	@Priority(1)
	static class EngineRefusalMapper implements ExceptionMapper<ProcessEngineException> {

		@Override
		public Response toResponse(ProcessEngineException exception) {
			Response refusal = refusal(exception);
			return (refusal != null) ? refusal : new ProcessEngineExceptionHandler().toResponse(exception);
		}

	}

}
