package org.campaigndelivery.audience;

import java.util.Map;

/**
 * One line of an audience as given: the address and the personalisation fields.
 *
 * @param attributes every other personalisation field, by name
 */
public record Recipient(String email, String firstName, String lastName, Map<String, Object> attributes) {

	public Recipient {
		attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
	}

}
