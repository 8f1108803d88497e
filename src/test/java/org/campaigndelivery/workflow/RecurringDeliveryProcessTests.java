package org.campaigndelivery.workflow;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.DeliveryStatus;
import org.campaigndelivery.recurring.RecurringDelivery;
import org.campaigndelivery.recurring.RecurringService;
import org.campaigndelivery.recurring.RecurringStatus;
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
import static org.assertj.core.api.Assertions.tuple;
import static org.campaigndelivery.support.DeliveryRequests.delivery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * The `recurringDelivery` process and the occurrences it calls, driven step by step with
 * the job executor off: the test fires the schedule's timer where the clock would.
 */
@ProcessTest
class RecurringDeliveryProcessTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static final CurrentUser STARTER = new CurrentUser("starter", Set.of(Roles.STARTERS));

	/** Every day at 09:00 UTC. */
	private static final String DAILY = "0 0 9 * * *";

	@Autowired
	ProcessEngine engine;

	@Autowired
	RecurringService recurring;

	@Autowired
	DeliveryService deliveries;

	@Autowired
	Jobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper objectMapper;

	@Test
	void shouldSendAnOccurrenceOnlyAfterAStarterConfirmsIt() throws Exception {
		String id = create(recurringDelivery());
		ProcessInstance schedule = schedule(id);
		OffsetDateTime firstRun = this.recurring.get(id).nextRun();

		assertThat(schedule).isWaitingAt(DeliveryProcessIds.GATEWAY_AWAIT_OCCURRENCE);
		assertThat(firstRun).isEqualTo(nextNineOClock());
		assertThat(timer(schedule).getDuedate()).isEqualTo(Date.from(firstRun.toInstant()));
		assertThat(this.deliveries.occurrences(id, page())).isEmpty();

		ProcessInstance occurrence = fireSchedule(schedule);

		Delivery created = onlyOccurrence(id);
		assertThat(occurrence.getBusinessKey()).isEqualTo(created.id());
		assertThat(created.recurringId()).isEqualTo(id);
		assertThat(created.dueAt()).isEqualTo(firstRun);
		assertThat(schedule).isWaitingAt(DeliveryProcessIds.GATEWAY_AWAIT_OCCURRENCE);
		assertThat(this.recurring.get(id).nextRun()).isEqualTo(firstRun.plusDays(1));

		this.jobs.runDue(occurrence.getId());
		assertThat(occurrence).isWaitingAt(DeliveryProcessIds.TASK_CONFIRM_RECURRING_SEND)
			.hasNotPassed(DeliveryProcessIds.TASK_CONFIRM_SEND);
		assertThat(task(occurrence)).hasCandidateGroup(Roles.STARTERS).hasName("Confirm recurring send");
		try (InputStream form = this.engine.getFormService().getDeployedTaskForm(task(occurrence).getId())) {
			assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
				.contains("\"id\": \"" + DeliveryProcessIds.FORM_CONFIRM_RECURRING_SEND + "\"")
				.contains("occurrenceDate");
		}
		assertThat(occurrence).variables()
			.containsEntry(DeliveryProcessIds.VAR_TO_DELIVER, 3)
			.containsEntry(DeliveryProcessIds.VAR_OCCURRENCE_DATE, firstRun.toString());
		assertThat(status(created.id())).isEqualTo(DeliveryStatus.AWAITING_CONFIRMATION);
		assertThat(this.jobs.runDue(occurrence.getId())).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();

		as("starter", List.of(Roles.STARTERS),
				() -> complete(task(occurrence), withVariables(DeliveryProcessIds.VAR_CONFIRMED, true)));
		this.jobs.runDue(occurrence.getId());

		assertThat(occurrence).isWaitingAt(DeliveryProcessIds.TIMER_RETRY_PERIOD_ELAPSED);
		assertThat(smtp.getReceivedMessages()).hasSize(3);
		assertThat(status(created.id())).isEqualTo(DeliveryStatus.SENT);
		assertThat(confirmedBy(created.id())).isEqualTo("starter");
	}

	@Test
	void shouldSkipAnOccurrenceNobodyConfirmedBeforeTheNextWasDue() {
		String id = create(recurringDelivery());
		ProcessInstance schedule = schedule(id);
		ProcessInstance first = fireSchedule(schedule);
		this.jobs.runDue(first.getId());
		OffsetDateTime nextRun = this.recurring.get(id).nextRun();
		Job confirmBy = this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(first.getId())
			.activityId(DeliveryProcessIds.BOUNDARY_NEXT_OCCURRENCE_DUE)
			.singleResult();
		assertThat(confirmBy.getDuedate()).isEqualTo(Date.from(nextRun.toInstant()));

		this.jobs.fire(first.getId(), DeliveryProcessIds.BOUNDARY_NEXT_OCCURRENCE_DUE);
		ProcessInstance second = fireSchedule(schedule);
		this.jobs.runDue(second.getId());

		assertThat(first).isEnded().hasPassed(DeliveryProcessIds.END_OCCURRENCE_SKIPPED);
		Delivery skipped = this.deliveries.get(first.getBusinessKey());
		assertThat(skipped.status()).isEqualTo(DeliveryStatus.SKIPPED);
		assertThat(skipped.statusReason()).contains("Not confirmed before the next occurrence was due")
			.contains(nextRun.toInstant().toString());
		assertThat(second).isWaitingAt(DeliveryProcessIds.TASK_CONFIRM_RECURRING_SEND);
		assertThat(this.deliveries.occurrences(id, page())).extracting(Delivery::status)
			.containsExactly(DeliveryStatus.AWAITING_CONFIRMATION, DeliveryStatus.SKIPPED);
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void shouldRefuseTheConfirmationOfAnOccurrenceToAnyoneButStarters() {
		String id = create(recurringDelivery());
		ProcessInstance occurrence = fireSchedule(schedule(id));
		this.jobs.runDue(occurrence.getId());
		String taskId = task(occurrence).getId();

		assertThatThrownBy(() -> as("approver", List.of(Roles.APPROVERS, Roles.PREPARERS),
				() -> this.engine.getTaskService().complete(taskId, Map.of(DeliveryProcessIds.VAR_CONFIRMED, true))))
			.isInstanceOf(AuthorizationException.class);
		assertThatThrownBy(() -> as("admin", List.of(Roles.ADMINS),
				() -> this.engine.getTaskService().complete(taskId, Map.of(DeliveryProcessIds.VAR_CONFIRMED, true))))
			.as("an administrator holds every engine permission, not the Start deliveries role")
			.hasRootCauseInstanceOf(AuthorizationException.class);
		assertThatThrownBy(
				() -> this.engine.getTaskService().complete(taskId, Map.of(DeliveryProcessIds.VAR_CONFIRMED, true)))
			.hasRootCauseInstanceOf(AuthorizationException.class);

		assertThat(occurrence).isWaitingAt(DeliveryProcessIds.TASK_CONFIRM_RECURRING_SEND);
		assertThat(this.jobs.runDue(occurrence.getId())).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void shouldCancelOnlyTheOccurrenceThatIsNotConfirmed() {
		String id = create(recurringDelivery());
		ProcessInstance schedule = schedule(id);
		ProcessInstance occurrence = fireSchedule(schedule);
		this.jobs.runDue(occurrence.getId());

		as("starter", List.of(Roles.STARTERS),
				() -> complete(task(occurrence), withVariables(DeliveryProcessIds.VAR_CONFIRMED, false)));

		assertThat(occurrence).isEnded().hasPassed(DeliveryProcessIds.END_OCCURRENCE_NOT_CONFIRMED);
		assertThat(status(occurrence.getBusinessKey())).isEqualTo(DeliveryStatus.CANCELLED);
		assertThat(schedule).isWaitingAt(DeliveryProcessIds.GATEWAY_AWAIT_OCCURRENCE);
		assertThat(this.recurring.get(id).status()).isEqualTo(RecurringStatus.ACTIVE);
		ProcessInstance next = fireSchedule(schedule);
		this.jobs.runDue(next.getId());
		assertThat(next).isWaitingAt(DeliveryProcessIds.TASK_CONFIRM_RECURRING_SEND);
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void shouldSendWithoutConfirmationWhenTheRecurringDeliveryAsksNone() {
		String id = create(recurringDelivery().with("confirmBeforeSend", false));
		ProcessInstance occurrence = fireSchedule(schedule(id));

		this.jobs.runDue(occurrence.getId());

		assertThat(occurrence).hasNotPassed(DeliveryProcessIds.TASK_CONFIRM_RECURRING_SEND)
			.hasNotPassed(DeliveryProcessIds.TASK_CONFIRM_SEND)
			.isWaitingAt(DeliveryProcessIds.TIMER_RETRY_PERIOD_ELAPSED);
		assertThat(smtp.getReceivedMessages()).hasSize(3);
		assertThat(status(occurrence.getBusinessKey())).isEqualTo(DeliveryStatus.SENT);
		assertThat(confirmedBy(occurrence.getBusinessKey())).as("the starter who set it up").isEqualTo("starter");
	}

	@Test
	void shouldEndTheScheduleAfterTheLastOccurrenceBeforeUntil() {
		OffsetDateTime until = nextNineOClock().plusDays(1).plusHours(1);
		String id = create(recurringDelivery().with("until", until.toString()));
		ProcessInstance schedule = schedule(id);

		ProcessInstance first = fireSchedule(schedule);
		ProcessInstance second = fireSchedule(schedule);

		assertThat(schedule).hasPassed(DeliveryProcessIds.END_SCHEDULE_ENDED)
			.isNotWaitingAt(DeliveryProcessIds.GATEWAY_AWAIT_OCCURRENCE);
		RecurringDelivery ended = this.recurring.get(id);
		assertThat(ended.status()).isEqualTo(RecurringStatus.ENDED);
		assertThat(ended.nextRun()).isNull();
		assertThat(this.deliveries.occurrences(id, page())).extracting(Delivery::dueAt)
			.containsExactly(nextNineOClock().plusDays(1), nextNineOClock());
		assertThat(schedule).as("its occurrences still run").isActive();

		for (ProcessInstance occurrence : List.of(first, second)) {
			this.jobs.runDue(occurrence.getId());
			as("starter", List.of(Roles.STARTERS),
					() -> complete(task(occurrence), withVariables(DeliveryProcessIds.VAR_CONFIRMED, false)));
		}
		assertThat(schedule).isActive();
		this.jobs.runDue(schedule.getId());
		assertThat(schedule).isEnded();
	}

	@Test
	void shouldReportTheOccurrencesOfOneAggregationPeriodTogether() {
		String id = create(recurringDelivery().with("aggregationPeriod", "P2D"));
		ProcessInstance schedule = schedule(id);
		assertThat(this.recurring.get(id).confirmBeforeSend()).isFalse();

		for (int i = 0; i < 3; i++) {
			this.jobs.runDue(fireSchedule(schedule).getId());
		}

		OffsetDateTime firstRun = nextNineOClock();
		assertThat(this.deliveries.occurrences(id, page())).extracting(Delivery::dueAt, Delivery::periodStart)
			.containsExactly(tuple(firstRun.plusDays(2), firstRun.plusDays(2)), tuple(firstRun.plusDays(1), firstRun),
					tuple(firstRun, firstRun));
		assertThat(smtp.getReceivedMessages()).as("three occurrences of three recipients each").hasSize(9);
	}

	@Test
	void shouldStopTheScheduleWhenAStarterCancelsIt() {
		String id = create(recurringDelivery());
		ProcessInstance schedule = schedule(id);
		ProcessInstance occurrence = fireSchedule(schedule);
		this.jobs.runDue(occurrence.getId());

		as("starter", List.of(Roles.STARTERS), () -> this.recurring.cancel(id));

		assertThat(schedule).hasPassed(DeliveryProcessIds.END_RECURRING_DELIVERY_CANCELLED);
		RecurringDelivery cancelled = this.recurring.get(id);
		assertThat(cancelled.status()).isEqualTo(RecurringStatus.CANCELLED);
		assertThat(cancelled.cancelledBy()).isEqualTo("starter");
		assertThat(cancelled.nextRun()).isNull();
		assertThat(occurrence).as("the occurrence waiting for its confirmation is withdrawn")
			.isEnded()
			.hasPassed(DeliveryProcessIds.END_DELIVERY_CANCELLED);
		assertThat(status(occurrence.getBusinessKey())).isEqualTo(DeliveryStatus.CANCELLED);
		this.jobs.runDue(schedule.getId());
		assertThat(schedule).isEnded();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void shouldRefuseToStartTheScheduleOfNoRecurringDelivery() {
		assertThatThrownBy(() -> this.engine.getRuntimeService()
			.startProcessInstanceByKey(DeliveryProcessIds.PROCESS_RECURRING_DELIVERY, "made-up",
					Map.of(DeliveryProcessIds.VAR_RECURRING_ID, "made-up")))
			.hasMessageContaining("POST /api/recurring-deliveries");

		String id = create(recurringDelivery());
		assertThatThrownBy(() -> this.engine.getRuntimeService()
			.startProcessInstanceByKey(DeliveryProcessIds.PROCESS_RECURRING_DELIVERY, id,
					Map.of(DeliveryProcessIds.VAR_RECURRING_ID, id)))
			.as("a second schedule beside the first")
			.hasMessageContaining("once");
		assertThat(this.engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(DeliveryProcessIds.PROCESS_RECURRING_DELIVERY)
			.processInstanceBusinessKey(id)
			.count()).isEqualTo(1);
	}

	private static DeliveryRequests recurringDelivery() {
		return delivery().with("approvalMode", "AUTOMATIC").with("schedule", DAILY);
	}

	private String create(DeliveryRequests request) {
		return this.recurring.create(this.objectMapper.valueToTree(request.body()), STARTER).id();
	}

	/** 09:00 UTC next, as the daily schedule has it. */
	private static OffsetDateTime nextNineOClock() {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		OffsetDateTime today = now.withHour(9).withMinute(0).withSecond(0).withNano(0);
		return today.isAfter(now) ? today : today.plusDays(1);
	}

	private ProcessInstance schedule(String recurringId) {
		return this.engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(DeliveryProcessIds.PROCESS_RECURRING_DELIVERY)
			.processInstanceBusinessKey(recurringId)
			.singleResult();
	}

	private Job timer(ProcessInstance schedule) {
		return this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(schedule.getId())
			.activityId(DeliveryProcessIds.TIMER_OCCURRENCE_DUE)
			.singleResult();
	}

	/**
	 * The schedule's timer fires as if the occurrence were due; returns the occurrence.
	 */
	private ProcessInstance fireSchedule(ProcessInstance schedule) {
		List<String> before = occurrenceIds(schedule);
		this.engine.getManagementService().executeJob(timer(schedule).getId());
		return this.engine.getRuntimeService()
			.createProcessInstanceQuery()
			.superProcessInstanceId(schedule.getId())
			.list()
			.stream()
			.filter((p) -> !before.contains(p.getId()))
			.findFirst()
			.orElseThrow();
	}

	private List<String> occurrenceIds(ProcessInstance schedule) {
		return this.engine.getRuntimeService()
			.createProcessInstanceQuery()
			.superProcessInstanceId(schedule.getId())
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.toList();
	}

	private Delivery onlyOccurrence(String recurringId) {
		List<Delivery> occurrences = this.deliveries.occurrences(recurringId, page());
		assertThat(occurrences).hasSize(1);
		return occurrences.get(0);
	}

	private static Paging page() {
		return new Paging(0, 100);
	}

	private DeliveryStatus status(String deliveryId) {
		return this.deliveries.get(deliveryId).status();
	}

	private String confirmedBy(String deliveryId) {
		return this.jdbc.sql("select confirmed_by from delivery where id = :id")
			.param("id", deliveryId)
			.query(String.class)
			.single();
	}

	private void as(String user, List<String> groups, Runnable action) {
		EngineUsers.as(this.engine, user, groups, action);
	}

}
