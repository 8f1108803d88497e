package org.campaigndelivery.database;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;

/**
 * Secrets every node of a cluster must share (signing keys), kept in one row of a table
 * of their own: the first node to store its candidate wins, the others read it.
 */
public final class SharedSecrets {

	private SharedSecrets() {
	}

	/**
	 * The stored secret, storing the candidate first when there is none.
	 * @param stored reads the row
	 * @param storeCandidate inserts the candidate's row
	 */
	public static String shared(Supplier<Optional<String>> stored, Runnable storeCandidate) {
		Optional<String> secret = stored.get();
		if (secret.isPresent()) {
			return secret.get();
		}
		try {
			storeCandidate.run();
		}
		catch (DuplicateKeyException ex) {
			// another node stored its secret first: that one is shared
		}
		return stored.get().orElseThrow();
	}

}
