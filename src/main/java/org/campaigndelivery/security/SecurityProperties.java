package org.campaigndelivery.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param demoUsers the demo users of README.md (demo, preparer, approver, starter, mta);
 * off in production
 */
@ConfigurationProperties("delivery")
record SecurityProperties(DemoUsers demoUsers) {

	SecurityProperties {
		demoUsers = demoUsers == null ? new DemoUsers(true) : demoUsers;
	}

	record DemoUsers(boolean enabled) {
	}

}
