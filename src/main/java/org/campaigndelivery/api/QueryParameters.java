package org.campaigndelivery.api;

import java.util.List;

/** Query parameters of /api read one way. */
public final class QueryParameters {

	private QueryParameters() {
	}

	/**
	 * An optional parameter naming one constant of the enum; null when absent or empty,
	 * and a 400 naming the parameter and the constants when it names none.
	 */
	public static <E extends Enum<E>> E optionalEnum(String name, String value, Class<E> type) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(name, "must be one of " + List.of(type.getEnumConstants()));
		}
	}

}
