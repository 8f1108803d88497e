package org.campaigndelivery.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.UUID;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;

import org.springframework.boot.autoconfigure.web.ServerProperties;
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

	/** The web server's own port when server.port is not set. */
	private static final int DEFAULT_PORT = 8080;

	private final String lockOwner;

	NodeIdentity(NodeProperties node, CamundaBpmProperties engine, ServerProperties server) {
		String engineHostname = Objects.toString(engine.getGenericProperties().getProperties().get("hostname"), "");
		int port = Objects.requireNonNullElse(server.getPort(), DEFAULT_PORT);
		if (!node.nodeName().isBlank()) {
			this.lockOwner = node.nodeName();
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
