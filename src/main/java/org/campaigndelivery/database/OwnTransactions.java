package org.campaigndelivery.database;

import java.util.function.Supplier;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work on the sending logs in a transaction of its own, committed whatever happens to the
 * caller's. Relays, event batches and expiry lock the same logs: a lock conflict or a
 * deadlock between them is tried again, each attempt on what the other one wrote.
 */
@Component
public class OwnTransactions {

	private static final int ATTEMPTS = 5;

	private final TransactionTemplate template;

	OwnTransactions(PlatformTransactionManager transactionManager) {
		this.template = new TransactionTemplate(transactionManager);
		this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public <T> T retrying(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.template.execute(tx -> work.get());
			}
			catch (ConcurrencyFailureException | DuplicateKeyException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	public void retrying(Runnable work) {
		retrying(() -> {
			work.run();
			return null;
		});
	}

}
