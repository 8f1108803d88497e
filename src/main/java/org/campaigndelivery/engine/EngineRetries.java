package org.campaigndelivery.engine;

import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * Runs an engine call again when a job changed the same process tree at that moment (a
 * lane ending its batch, the schedule creating an occurrence): the call's transaction was
 * rolled back whole, so trying again is safe.
 */
public final class EngineRetries {

	private static final int ATTEMPTS = 5;

	private EngineRetries() {
	}

	public static <T> T retried(Supplier<T> call) {
		for (int attempt = 1;; attempt++) {
			try {
				return call.get();
			}
			catch (OptimisticLockingException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
