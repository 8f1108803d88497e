package org.campaigndelivery.database;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Secrets every node of a cluster must share (signing keys), kept in one row of a table
 * of their own: the first node (or thread) to store its candidate wins, the others read
 * it.
 */
@Component
public class SharedSecrets {

	private final TransactionTemplate savepoint;

	SharedSecrets(PlatformTransactionManager transactionManager) {
		// The first lanes of the first send ask for the key at once, each in its job's
		// transaction. On PostgreSQL the refused insert of the losers would abort that
		// whole transaction (and fail the job), so the insert runs in a savepoint.
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * The stored secret, storing the candidate first when there is none.
	 * @param stored reads the row
	 * @param storeCandidate inserts the candidate's row
	 */
	public String shared(Supplier<Optional<String>> stored, Runnable storeCandidate) {
		Optional<String> secret = stored.get();
		if (secret.isPresent()) {
			return secret.get();
		}
		try {
			this.savepoint.executeWithoutResult((tx) -> storeCandidate.run());
		}
		catch (DuplicateKeyException ex) {
			// another node or thread stored its secret first: that one is shared
		}
		return stored.get().orElseThrow();
	}

}
