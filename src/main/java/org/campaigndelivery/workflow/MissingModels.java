package org.campaigndelivery.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
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
class MissingModels {

	private static final Logger log = LoggerFactory.getLogger(MissingModels.class);

	private static final List<String> PROCESSES = List.of(DeliveryProcessIds.PROCESS_DELIVERY,
			DeliveryProcessIds.PROCESS_RECURRING_DELIVERY, DeliveryProcessIds.PROCESS_KPI_REFRESH);

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
		redeployIfMissing(PROCESSES);
	}

	/**
	 * Before a process of this key is started: deploys the models again if it is gone.
	 */
	void ensureDeployed(String processKey) {
		redeployIfMissing(List.of(processKey));
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
