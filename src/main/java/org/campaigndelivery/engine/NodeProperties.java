package org.campaigndelivery.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param nodeName the name this node locks jobs under ({@link NodeIdentity}); empty: the
 * engine's hostname property, else host and port
 */
@ConfigurationProperties("delivery")
record NodeProperties(String nodeName) {

	/** The width of the engine's lock owner column (ACT_RU_JOB.LOCK_OWNER_). */
	private static final int LONGEST = 255;

	NodeProperties {
		nodeName = (nodeName == null) ? "" : nodeName;
		// a longer name fails every lock of a job, and no job would run
		if (nodeName.length() > LONGEST) {
			throw new IllegalArgumentException(
					"delivery.node-name must be at most " + LONGEST + " characters, not " + nodeName.length());
		}
	}

}
