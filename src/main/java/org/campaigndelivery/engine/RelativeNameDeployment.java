package org.campaigndelivery.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultDeploymentConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys what camunda.bpm.deployment-resource-pattern finds (bpmn/ and forms/) in one
 * deployment, each resource named by its path below its root ("bpmn/delivery.bpmn"). The
 * starter would name a file by its absolute path, which changes with the install folder
 * and defeats duplicate filtering across nodes and releases.
 */
@Component("camundaDeploymentConfiguration")
class RelativeNameDeployment extends DefaultDeploymentConfiguration {

	private final CamundaBpmProperties properties;

	private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

	RelativeNameDeployment(CamundaBpmProperties properties) {
		this.properties = properties;
	}

	@Override
	public Set<Resource> getDeploymentResources() {
		Set<Resource> resources = new LinkedHashSet<>();
		try {
			for (String pattern : this.properties.getDeploymentResourcePattern()) {
				String root = pattern.replaceFirst("^classpath\\*?:", "").replaceFirst("[*?].*$", "");
				for (Resource found : this.resolver.getResources(pattern)) {
					String url = found.getURL().toString();
					String name = url.substring(url.lastIndexOf("/" + root) + 1);
					resources.add(new NamedResource(found.getContentAsByteArray(), name));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Models and forms cannot be read for deployment", ex);
		}
		return resources;
	}

	/** The engine names a ContextResource by its path within the context. */
	private static final class NamedResource extends ByteArrayResource implements ContextResource {

		private final String name;

		NamedResource(byte[] content, String name) {
			super(content, name);
			this.name = name;
		}

		@Override
		public String getPathWithinContext() {
			return this.name;
		}

		@Override
		public String getFilename() {
			return this.name.substring(this.name.lastIndexOf('/') + 1);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof NamedResource named && named.name.equals(this.name);
		}

		@Override
		public int hashCode() {
			return this.name.hashCode();
		}

	}

}
