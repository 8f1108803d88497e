package org.campaigndelivery.workflow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.DeliveryStatus;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.kpi.Kpis;
import org.campaigndelivery.security.CurrentUser;
import org.campaigndelivery.security.Roles;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.EngineUsers;
import org.campaigndelivery.support.Jobs;
import org.campaigndelivery.support.ProcessTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.campaigndelivery.support.DeliveryRequests.delivery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * The `delivery` process, driven step by step with the job executor off: each test says
 * where the token is and what the step caused in the database and at the SMTP server.
 */
@ProcessTest
class DeliveryProcessTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final CurrentUser PREPARER = new CurrentUser("preparer", Set.of(Roles.PREPARERS));

	@Autowired
	ProcessEngine engine;

	@Autowired
	DeliveryService deliveries;

	@Autowired
	KpiService kpis;

	@Autowired
	Jobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper objectMapper;

	@Test
	void shouldRelayManuallyApprovedDeliveryToEveryRecipientThroughLanes() throws Exception {
		String id = create(
				delivery().with("approvalMode", "MANUAL").with("recipients", DeliveryRequests.recipients(7)));
		ProcessInstance instance = instance(id);
		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_PREPARE_DELIVERY);

		this.jobs.runDue(instance.getId());
		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_APPROVE_DELIVERY);
		assertThat(task(instance)).hasCandidateGroup(Roles.APPROVERS);
		assertThat(instance).variables().containsEntry(DeliveryProcessIds.VAR_TO_DELIVER, 7);
		assertThat(status(id)).isEqualTo(DeliveryStatus.AWAITING_APPROVAL);

		as("approver", List.of(Roles.APPROVERS),
				() -> complete(task(instance), withVariables(DeliveryProcessIds.VAR_APPROVED, true)));
		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_CONFIRM_SEND);
		assertThat(task(instance)).hasCandidateGroup(Roles.STARTERS);
		assertThat(status(id)).isEqualTo(DeliveryStatus.AWAITING_CONFIRMATION);

		as("starter", List.of(Roles.STARTERS),
				() -> complete(task(instance), withVariables(DeliveryProcessIds.VAR_CONFIRMED, true)));
		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_START_SENDING);
		assertThat(smtp.getReceivedMessages()).isEmpty();

		int executed = this.jobs.runDue(instance.getId());

		assertThat(instance).hasPassed(DeliveryProcessIds.EVENT_RELAY_COMPLETE)
			.isWaitingAt(DeliveryProcessIds.TIMER_RETRY_PERIOD_ELAPSED);
		// start sending, then per lane of 2: ceil(3.5 / 3) + 1 empty batch + lane end
		assertThat(executed).isGreaterThanOrEqualTo(1 + 2 * 3);
		assertThat(smtp.getReceivedMessages()).hasSize(7);
		assertThat(status(id)).isEqualTo(DeliveryStatus.SENT);
		assertThat(this.kpis.kpis(id).orElseThrow().withoutComputedAt())
			.isEqualTo(new Kpis(7, 7, 7, 7, 0, 0, 0, 0, 0, null));
		assertThat(this.jdbc.sql("select confirmed_by from delivery where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("starter");
	}

	@Test
	void shouldSkipApprovalInAutomaticMode() {
		String id = create(delivery().with("approvalMode", "AUTOMATIC").with("html", "<p>no unsubscribe link</p>"));
		ProcessInstance instance = instance(id);

		this.jobs.runDue(instance.getId());

		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_CONFIRM_SEND)
			.hasNotPassed(DeliveryProcessIds.TASK_APPROVE_DELIVERY);
		assertThat(status(id)).isEqualTo(DeliveryStatus.AWAITING_CONFIRMATION);
	}

	@Test
	void shouldSkipApprovalInSemiAutomaticModeWithoutWarnings() {
		String id = create(delivery().with("approvalMode", "SEMI_AUTOMATIC"));
		ProcessInstance instance = instance(id);

		this.jobs.runDue(instance.getId());

		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_CONFIRM_SEND)
			.hasNotPassed(DeliveryProcessIds.TASK_APPROVE_DELIVERY);
	}

	@Test
	void shouldAskApprovalInSemiAutomaticModeWhenPreparationWarns() {
		String id = create(
				delivery().with("approvalMode", "SEMI_AUTOMATIC").with("html", "<p>no unsubscribe link</p>"));
		ProcessInstance instance = instance(id);

		this.jobs.runDue(instance.getId());

		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_APPROVE_DELIVERY);
		assertThat(instance).variables()
			.containsEntry(DeliveryProcessIds.VAR_HAS_WARNINGS, true)
			.containsEntry(DeliveryProcessIds.VAR_WARNINGS, "The content has no unsubscribe link.");
	}

	@Test
	void shouldEndRejectedWhenTheApproverRejects() {
		String id = create(delivery());
		ProcessInstance instance = instance(id);
		this.jobs.runDue(instance.getId());

		as("approver", List.of(Roles.APPROVERS),
				() -> complete(task(instance), withVariables(DeliveryProcessIds.VAR_APPROVED, "false",
						DeliveryProcessIds.VAR_APPROVAL_COMMENT, "Wrong season")));

		assertThat(instance).isEnded().hasPassed(DeliveryProcessIds.END_DELIVERY_REJECTED);
		assertThat(status(id)).isEqualTo(DeliveryStatus.REJECTED);
		assertThat(this.jdbc.sql("select approval_comment from delivery where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("Wrong season");
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void shouldRefuseARejectionWithoutComment() {
		String id = create(delivery());
		ProcessInstance instance = instance(id);
		this.jobs.runDue(instance.getId());
		String taskId = task(instance).getId();

		assertThatThrownBy(() -> as("approver", List.of(Roles.APPROVERS),
				() -> this.engine.getTaskService().complete(taskId, Map.of(DeliveryProcessIds.VAR_APPROVED, false))))
			.hasMessageContaining("approvalComment")
			.hasMessageContaining("is required when rejecting");

		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_APPROVE_DELIVERY);
	}

	@Test
	void shouldCancelTheDeliveryWhenTheSendIsNotConfirmed() {
		String id = create(delivery().with("approvalMode", "AUTOMATIC"));
		ProcessInstance instance = instance(id);
		this.jobs.runDue(instance.getId());

		as("starter", List.of(Roles.STARTERS),
				() -> complete(task(instance), withVariables(DeliveryProcessIds.VAR_CONFIRMED, false)));

		assertThat(instance).isEnded().hasPassed(DeliveryProcessIds.END_SEND_NOT_CONFIRMED);
		assertThat(status(id)).isEqualTo(DeliveryStatus.CANCELLED);
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void shouldRefuseConfirmationByAUserWhoMayNotStartDeliveries() {
		String id = create(delivery().with("approvalMode", "AUTOMATIC"));
		ProcessInstance instance = instance(id);
		this.jobs.runDue(instance.getId());

		String taskId = task(instance).getId();

		assertThatThrownBy(() -> as("approver", List.of(Roles.APPROVERS, Roles.PREPARERS),
				() -> this.engine.getTaskService().complete(taskId, Map.of(DeliveryProcessIds.VAR_CONFIRMED, true))))
			.isInstanceOf(AuthorizationException.class);
		assertThatThrownBy(
				() -> this.engine.getTaskService().complete(taskId, Map.of(DeliveryProcessIds.VAR_CONFIRMED, true)))
			.hasRootCauseInstanceOf(AuthorizationException.class)
			.hasMessageContaining("no user is authenticated");

		assertThat(instance).isWaitingAt(DeliveryProcessIds.TASK_CONFIRM_SEND);
		assertThat(status(id)).isEqualTo(DeliveryStatus.AWAITING_CONFIRMATION);
	}

	@Test
	void shouldWaitForTheContactDateBeforeSending() {
		OffsetDateTime contactDate = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0);
		String id = create(delivery().with("approvalMode", "AUTOMATIC").with("contactDate", contactDate.toString()));
		ProcessInstance instance = instance(id);
		this.jobs.runDue(instance.getId());
		as("starter", List.of(Roles.STARTERS),
				() -> complete(task(instance), withVariables(DeliveryProcessIds.VAR_CONFIRMED, true)));

		assertThat(instance).isWaitingAt(DeliveryProcessIds.TIMER_CONTACT_DATE_REACHED);
		assertThat(job(instance).getDuedate()).isEqualTo(Date.from(contactDate.toInstant()));
		assertThat(status(id)).isEqualTo(DeliveryStatus.SCHEDULED);
		assertThat(this.jobs.runDue(instance.getId())).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();

		execute(job(instance));
		this.jobs.runDue(instance.getId());

		assertThat(instance).isWaitingAt(DeliveryProcessIds.TIMER_RETRY_PERIOD_ELAPSED);
		assertThat(smtp.getReceivedMessages()).hasSize(3);
		assertThat(status(id)).isEqualTo(DeliveryStatus.SENT);
	}

	@Test
	void shouldFailTheDeliveryWhenPreparationFindsErrors() {
		String id = create(delivery().with("html", "<a href=\"htp:/broken\">Unsubscribe</a>"));
		ProcessInstance instance = instance(id);

		this.jobs.runDue(instance.getId());

		assertThat(instance).isEnded().hasPassed(DeliveryProcessIds.END_PREPARATION_FAILED);
		assertThat(status(id)).isEqualTo(DeliveryStatus.FAILED);
		assertThat(this.jdbc.sql("select count(*) from sending_log where delivery_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select rule from preparation_finding where delivery_id = :id and severity = 'ERROR'")
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("MALFORMED_LINK");
	}

	@Test
	void shouldDeployEveryModelAndFormInOneDeploymentWithRelativeNames() {
		String deploymentId = this.engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(DeliveryProcessIds.PROCESS_DELIVERY)
			.latestVersion()
			.singleResult()
			.getDeploymentId();

		assertThat(this.engine.getRepositoryService().getDeploymentResourceNames(deploymentId))
			.containsExactlyInAnyOrder("bpmn/delivery.bpmn", "bpmn/recurringDelivery.bpmn", "bpmn/kpiRefresh.bpmn",
					"bpmn/dataCleanup.bpmn", "forms/approve-delivery.form", "forms/confirm-send.form",
					"forms/confirm-recurring-send.form", "forms/review-paused-delivery.form");
	}

	private String create(DeliveryRequests request) {
		return this.deliveries.create(this.objectMapper.valueToTree(request.body()), PREPARER).id();
	}

	private ProcessInstance instance(String deliveryId) {
		return this.engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(deliveryId)
			.singleResult();
	}

	private DeliveryStatus status(String id) {
		return this.deliveries.get(id).status();
	}

	private void as(String user, List<String> groups, Runnable action) {
		EngineUsers.as(this.engine, user, groups, action);
	}

}
