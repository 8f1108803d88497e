package org.campaigndelivery.database;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The values of an IN list written into the statement instead of bound one parameter
 * each. H2 checks every row an index finds against the whole list, one value after the
 * other, when the list is of parameters, but through a sorted set when it is of literals:
 * for a batch of 1,000 keys that is a million comparisons against twenty thousand. Only
 * values that cannot carry SQL are written: numbers and UUIDs.
 */
public final class InLists {

	private InLists() {
	}

	/** "(1, 2, 3)"; the collection must not be empty. */
	public static String numbers(Collection<Long> values) {
		return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
	}

	/** "('…', '…')" for UUIDs; the collection must not be empty. */
	public static String uuids(Collection<UUID> values) {
		return values.stream().map(UUID::toString).collect(Collectors.joining("', '", "('", "')"));
	}

	/** "('a', 'o''brien')"; the collection must not be empty. */
	public static String strings(Collection<String> values) {
		return values.stream()
			.map(value -> "'" + value.replace("'", "''") + "'")
			.collect(Collectors.joining(", ", "(", ")"));
	}

}
