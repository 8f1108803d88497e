package org.campaigndelivery.preparation;

import java.util.Optional;

import org.springframework.stereotype.Component;

/** The fatigue rule's limits as delivery.fatigue.* sets them: none while it is off. */
@Component
class FatigueRule {

	private final FatigueProperties properties;

	FatigueRule(FatigueProperties properties) {
		this.properties = properties;
	}

	Optional<FatigueProperties> limits() {
		return this.properties.enabled() ? Optional.of(this.properties) : Optional.empty();
	}

}
