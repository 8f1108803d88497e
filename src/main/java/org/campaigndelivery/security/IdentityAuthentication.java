package org.campaigndelivery.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller the engine's identity service knows, its Camunda groups as its authorities:
 * what {@link AccessRules} is checked against.
 */
final class IdentityAuthentication extends AbstractAuthenticationToken {

	private final CurrentUser user;

	IdentityAuthentication(CurrentUser user) {
		super(user.groups().stream().sorted().map(SimpleGrantedAuthority::new).toList());
		this.user = user;
		setAuthenticated(true);
	}

	@Override
	public CurrentUser getPrincipal() {
		return this.user;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return this.user.id();
	}

}
