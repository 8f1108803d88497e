package org.campaigndelivery.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The name this node locks jobs under: the same every time the node starts, so that a
 * restarted node recognises the locks of its previous life, and distinct between the
 * nodes of a cluster. `delivery.node-name`, else the engine's hostname property when set,
 * else host and port; a node on a random port (0) has no stable name and gets a new one
 * at every start.
 */
@Component
class NodeIdentity {

	private final String lockOwner;

	NodeIdentity(@Value("${delivery.node-name:}") String nodeName,
			@Value("${camunda.bpm.generic-properties.properties.hostname:}") String engineHostname,
			@Value("${server.port:8080}") int port) {
		if (!nodeName.isBlank()) {
			this.lockOwner = nodeName;
		}
		else if (!engineHostname.isBlank()) {
			this.lockOwner = engineHostname;
		}
		else if (port != 0) {
			this.lockOwner = hostName() + ":" + port;
		}
		else {
			this.lockOwner = UUID.randomUUID().toString();
		}
	}

	String lockOwner() {
		return this.lockOwner;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
