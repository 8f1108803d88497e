package org.campaigndelivery.workflow;

import java.util.function.Supplier;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

import org.campaigndelivery.engine.EngineRetries;

import org.springframework.stereotype.Component;

/**
 * Delivers a cancellation message to the instance with the business key, for /api.
 *
 * The engine would ask the caller for permission to update process instances, a
 * permission that also lets one move a token past an approval; starters do not hold it.
 * /api has already checked the application's own rule (starters may cancel), and the
 * model's listener checks it again with the caller still authenticated, so the
 * correlation itself runs without the engine's authorization check. A lane finishing a
 * batch at the same moment changes the same instance; the correlation is then tried
 * again.
 */
@Component
class Correlations {

	private final ProcessEngine engine;

	Correlations(ProcessEngine engine) {
		this.engine = engine;
	}

	/**
	 * Each message is caught by one model only, so the business key names the instance.
	 * @return false when no instance with the business key waits for the message
	 */
	boolean correlate(String messageName, String businessKey) {
		try {
			withoutAuthorization(() -> this.engine.getRuntimeService()
				.createMessageCorrelation(messageName)
				.processInstanceBusinessKey(businessKey)
				.correlateWithResult());
			return true;
		}
		catch (MismatchingMessageCorrelationException ex) {
			return false;
		}
		catch (ProcessEngineException ex) {
			if (refused(ex)) {
				// the model's listener refused: the instance moved past where it can be
				// cancelled
				return false;
			}
			throw ex;
		}
	}

	/**
	 * The same for a message every waiting execution of the instance catches, such as the
	 * lanes of a paused delivery.
	 * @return how many executions caught it
	 */
	int correlateAll(String messageName, String businessKey) {
		return withoutAuthorization(() -> this.engine.getRuntimeService()
			.createMessageCorrelation(messageName)
			.processInstanceBusinessKey(businessKey)
			.correlateAllWithResult()
			.size());
	}

	/**
	 * In a transaction of its own, tried again on a conflict, without the engine's
	 * authorization check.
	 */
	private <T> T withoutAuthorization(Supplier<T> correlation) {
		CommandExecutor commands = ((ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired();
		return EngineRetries
			.retried(() -> commands.execute((context) -> context.runWithoutAuthorization(correlation::get)));
	}

	private static boolean refused(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BadUserRequestException) {
				return true;
			}
		}
		return false;
	}

}
