package org.campaigndelivery.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Deploys the models and forms again when a process definition is gone. An administrator
 * may delete a definition through Cockpit or /engine-rest while its deployment stays, and
 * the start's deployment would then find the same resources deployed and skip them, at
 * every start: no delivery could be created again. Checked after the start's deployment
 * and before the application starts a delivery's or a recurring delivery's process. Two
 * nodes, or two requests, finding a definition missing at once each deploy: the engine
 * keeps the latest version, so neither waits for the other.
 */
@Component
public class MissingModels {

	private static final Logger log = LoggerFactory.getLogger(MissingModels.class);

	private final ProcessEngine engine;

	private final RelativeNameDeployment deployment;

	MissingModels(ProcessEngine engine, RelativeNameDeployment deployment) {
		this.engine = engine;
		this.deployment = deployment;
	}

	/**
	 * After the start's own deployment, which the engine makes while the context starts.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void afterDeployment() {
		redeployIfMissing(processKeys());
	}

	/**
	 * Before a process of this key is started: deploys the models again if it is gone.
	 */
	public void ensureDeployed(String processKey) {
		redeployIfMissing(List.of(processKey));
	}

	/**
	 * The keys of the executable processes the deployment's models define: read from the
	 * models themselves, so that this class knows none of them and a new model is looked
	 * after as soon as it is added.
	 */
	private List<String> processKeys() {
		List<String> keys = new ArrayList<>();
		for (Resource resource : this.deployment.getDeploymentResources()) {
			if (!resource.getFilename().endsWith(".bpmn")) {
				continue;
			}
			try (InputStream model = resource.getInputStream()) {
				Bpmn.readModelFromStream(model)
					.getModelElementsByType(Process.class)
					.stream()
					.filter(Process::isExecutable)
					.map(Process::getId)
					.forEach(keys::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return keys;
	}

	/**
	 * Looks and deploys whoever the current user is: a preparer may neither read the
	 * definitions nor deploy, and would otherwise find every definition missing.
	 */
	private void redeployIfMissing(List<String> keys) {
		CommandExecutor commands = ((ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired();
		commands.execute((context) -> context.runWithoutAuthorization(() -> {
			redeploy(keys);
			return null;
		}));
	}

	private void redeploy(List<String> keys) {
		RepositoryService repository = this.engine.getRepositoryService();
		List<String> missing = keys.stream()
			.filter(key -> repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0)
			.toList();
		if (missing.isEmpty()) {
			return;
		}
		DeploymentBuilder builder = repository.createDeployment().name("campaign-delivery (redeployed)");
		for (Resource resource : this.deployment.getDeploymentResources()) {
			try {
				builder.addInputStream(((ContextResource) resource).getPathWithinContext(), resource.getInputStream());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		builder.deploy();
		log.warn("Process definitions {} were deleted; models and forms deployed again", missing);
	}

}
