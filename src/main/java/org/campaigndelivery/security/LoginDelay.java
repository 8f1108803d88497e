package org.campaigndelivery.security;

import java.time.Duration;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.springframework.stereotype.Component;

/**
 * The engine's login delay as a user meets it: after a wrong password the engine refuses
 * every password of that user, the right one too, until the delay is over, and says only
 * "wrong". This says for how long, so that the page and the API can tell the user to wait
 * instead of letting them doubt a right password.
 */
@Component
class LoginDelay {

	/** Set on the request whose Basic credentials were refused within a delay. */
	static final String REMAINING = LoginDelay.class.getName() + ".remaining";

	private final IdentityService identityService;

	LoginDelay(IdentityService identityService) {
		this.identityService = identityService;
	}

	/** How long the user's logins are still refused, whatever the password. */
	Optional<Duration> remaining(String userId) {
		User user = this.identityService.createUserQuery().userId(userId).singleResult();
		if (!(user instanceof UserEntity entity) || entity.getLockExpirationTime() == null) {
			return Optional.empty();
		}
		// the engine's own clock, which set the lock's end
		long millis = entity.getLockExpirationTime().getTime() - ClockUtil.getCurrentTime().getTime();
		return (millis > 0) ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
	}

	/** Whole seconds, rounded up: "wait 3 s" must not be too short. */
	static long seconds(Duration remaining) {
		return (remaining.toMillis() + 999) / 1000;
	}

}
