package org.campaigndelivery.engine;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator deletes a process definition while its deployment stays: the next
 * start deploys the models again instead of finding them deployed and skipping them.
 */
@ApplicationTest
class MissingModelsTests {

	/** The model whose definition the administrator deletes. */
	private static final String KPI_REFRESH = "kpiRefresh";

	@Autowired
	DeliveryFlow flow;

	@Autowired
	MissingModels missingModels;

	@Autowired
	RepositoryService repository;

	@Autowired
	ManagementService management;

	@Test
	void aDefinitionDeletedThroughEngineRestIsDeployedAgainAtTheNextStart() {
		String definition = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey(KPI_REFRESH)
			.latestVersion()
			.singleResult()
			.getId();
		Api admin = this.flow.as("demo");
		assertThat(admin.delete("/engine-rest/process-definition/" + definition).code()).isIn(200, 204);
		assertThat(this.repository.createProcessDefinitionQuery().processDefinitionKey(KPI_REFRESH).count()).isZero();

		// the next start, as a preparer's first delivery would find it
		this.missingModels.afterDeployment();

		String redeployed = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey(KPI_REFRESH)
			.latestVersion()
			.singleResult()
			.getId();
		assertThat(redeployed).isNotEqualTo(definition);
		assertThat(this.management.createJobQuery().processDefinitionId(redeployed).timers().count())
			.as("the refresh's timer start event")
			.isOne();
		assertThat(this.repository.createDeploymentQuery().deploymentName("campaign-delivery (redeployed)").count())
			.isOne();
	}

}
