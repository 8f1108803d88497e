package org.campaigndelivery.workflow;

/**
 * Process keys, BPMN element ids and process variable names: the contract between bpmn/
 * and the code.
 */
final class DeliveryProcessIds {

	static final String PROCESS_DELIVERY = "delivery";

	static final String TASK_PREPARE_DELIVERY = "Task_PrepareDelivery";

	static final String END_PREPARATION_FAILED = "EndEvent_PreparationFailed";

	static final String TASK_APPROVE_DELIVERY = "Task_ApproveDelivery";

	static final String END_DELIVERY_REJECTED = "EndEvent_DeliveryRejected";

	static final String TASK_CONFIRM_SEND = "Task_ConfirmSend";

	static final String TASK_CONFIRM_RECURRING_SEND = "Task_ConfirmRecurringSend";

	static final String BOUNDARY_NEXT_OCCURRENCE_DUE = "BoundaryEvent_NextOccurrenceDue";

	static final String END_OCCURRENCE_SKIPPED = "EndEvent_OccurrenceSkipped";

	static final String END_OCCURRENCE_NOT_CONFIRMED = "EndEvent_OccurrenceNotConfirmed";

	static final String END_DELIVERY_CANCELLED = "EndEvent_DeliveryCancelled";

	/**
	 * Correlated by business key (the delivery id): stops the delivery until it is sent.
	 */
	static final String MESSAGE_DELIVERY_CANCELLED = "DeliveryCancelled";

	/** Caught by each waiting lane of a paused delivery (business key = delivery id). */
	static final String MESSAGE_DELIVERY_RESUMED = "DeliveryResumed";

	static final String TASK_SEND_BATCH = "Task_SendBatch";

	/** The wait of a paused delivery's lane: in the models that have it. */
	static final String GATEWAY_AWAIT_RESUME = "Gateway_AwaitResume";

	static final String END_SEND_NOT_CONFIRMED = "EndEvent_SendNotConfirmed";

	static final String TIMER_CONTACT_DATE_REACHED = "TimerEvent_ContactDateReached";

	static final String TASK_START_SENDING = "Task_StartSending";

	static final String EVENT_RELAY_COMPLETE = "Event_RelayComplete";

	static final String TIMER_RETRY_PERIOD_ELAPSED = "TimerEvent_RetryPeriodElapsed";

	static final String FORM_CONFIRM_RECURRING_SEND = "confirm-recurring-send";

	static final String PROCESS_RECURRING_DELIVERY = "recurringDelivery";

	static final String PROCESS_KPI_REFRESH = "kpiRefresh";

	static final String PROCESS_DATA_CLEANUP = "dataCleanup";

	/** Starts a cleanup run an admin asked for. */
	static final String MESSAGE_CLEANUP_ASKED = "CleanupAsked";

	static final String TIMER_CLEANUP_DUE = "StartEvent_CleanupDue";

	static final String TASK_PURGE_BATCH = "Task_PurgeBatch";

	static final String END_ANOTHER_RUN_UNDER_WAY = "EndEvent_AnotherRunUnderWay";

	static final String END_CLEANUP_DONE = "EndEvent_CleanupDone";

	/** The cleanup run's id, its business key too. */
	static final String VAR_CLEANUP_RUN_ID = "cleanupRunId";

	/** The admin who asked for the run; none when the timer started it. */
	static final String VAR_CLEANUP_STARTED_BY = "cleanupStartedBy";

	static final String VAR_CLEANUP_RUN_BEGUN = "cleanupRunBegun";

	/** Whether the last batch purged anything: if so, the next one follows. */
	static final String VAR_PURGED_ANYTHING = "purgedAnything";

	static final String END_SCHEDULE_ENDED = "EndEvent_ScheduleEnded";

	/** Where the schedule waits: for the next occurrence's timer or a cancellation. */
	static final String GATEWAY_AWAIT_OCCURRENCE = "Gateway_AwaitOccurrence";

	static final String TIMER_OCCURRENCE_DUE = "TimerEvent_OccurrenceDue";

	static final String END_RECURRING_DELIVERY_CANCELLED = "EndEvent_RecurringDeliveryCancelled";

	/** Correlated by business key (the recurring delivery's id): ends its schedule. */
	static final String MESSAGE_RECURRING_DELIVERY_CANCELLED = "RecurringDeliveryCancelled";

	/** The delivery's id; also the business key. */
	static final String VAR_DELIVERY_ID = "deliveryId";

	static final String VAR_APPROVAL_MODE = "approvalMode";

	/** java.util.Date, or null to send right after confirmation. */
	static final String VAR_CONTACT_DATE = "contactDate";

	static final String VAR_LABEL = "deliveryLabel";

	static final String VAR_SUBJECT = "deliverySubject";

	static final String VAR_TARGETED = "targeted";

	static final String VAR_EXCLUDED = "excluded";

	/** Of those excluded, how many by the fatigue rule. */
	static final String VAR_EXCLUDED_FATIGUE = "excludedFatigue";

	static final String VAR_TO_DELIVER = "toDeliver";

	static final String VAR_HAS_ERRORS = "hasErrors";

	static final String VAR_HAS_WARNINGS = "hasWarnings";

	static final String VAR_ERRORS = "preparationErrors";

	static final String VAR_WARNINGS = "preparationWarnings";

	static final String VAR_NOTICES = "preparationNotices";

	static final String VAR_APPROVED = "approved";

	static final String VAR_APPROVAL_COMMENT = "approvalComment";

	static final String VAR_CONFIRMED = "confirmed";

	static final String VAR_SENDING_LANES = "sendingLanes";

	/** ISO-8601 duration between retry waves. */
	static final String VAR_RETRY_PERIOD = "retryPeriod";

	/** java.util.Date: the end of the validity period, fixed when sending starts. */
	static final String VAR_VALID_UNTIL = "validUntil";

	/**
	 * Which confirmation the send needs: {@link #CONFIRMATION_ONE_OFF},
	 * {@link #CONFIRMATION_EACH_OCCURRENCE} or {@link #CONFIRMATION_STANDING}.
	 */
	static final String VAR_SEND_CONFIRMATION = "sendConfirmation";

	/** A one-off delivery: Confirm send. */
	static final String CONFIRMATION_ONE_OFF = "ONE_OFF";

	/** An occurrence whose recurring delivery asks a confirmation before each send. */
	static final String CONFIRMATION_EACH_OCCURRENCE = "EACH_OCCURRENCE";

	/** An occurrence confirmed by the starter who set its recurring delivery up. */
	static final String CONFIRMATION_STANDING = "STANDING";

	/** java.util.Date: an occurrence still unconfirmed then is skipped. */
	static final String VAR_CONFIRM_BY = "confirmBy";

	/** The occurrence's due date as text, for the confirmation form. */
	static final String VAR_OCCURRENCE_DATE = "occurrenceDate";

	/** The recurring delivery's id; also its instance's business key. */
	static final String VAR_RECURRING_ID = "recurringId";

	/**
	 * java.util.Date when the next occurrence is due, or null once the schedule is over.
	 */
	static final String VAR_NEXT_RUN = "nextRun";

	/** The delivery id of the occurrence just created, passed to the called delivery. */
	static final String VAR_OCCURRENCE_ID = "occurrenceId";

	/** The lane's number, 0..sendingLanes-1: the multi-instance loop counter. */
	static final String VAR_LANE = "loopCounter";

	/** Local to a lane: nothing is left for it to relay. */
	static final String VAR_LANE_DRAINED = "laneDrained";

	/** Local to a lane: the delivery is paused, the lane relayed nothing and waits. */
	static final String VAR_LANE_PAUSED = "lanePaused";

	/**
	 * Local to a lane: the reputation guard paused the delivery on this lane's batch; the
	 * lane escalates "ReviewAsked" before it waits, which opens
	 * {@link #TASK_REVIEW_PAUSED_DELIVERY}.
	 */
	static final String VAR_REVIEW_ASKED = "reviewAsked";

	/** A starter decides whether a delivery the reputation guard paused goes on. */
	static final String TASK_REVIEW_PAUSED_DELIVERY = "Task_ReviewPausedDelivery";

	/** Boolean, the review's decision: resume the delivery, or cancel it. */
	static final String VAR_RESUME = "resumeDelivery";

	/** Local to the review task: the delivery's status reason, naming the rate. */
	static final String VAR_PAUSE_REASON = "pauseReason";

	/** Local to the review task, as the delivery's KPIs stood when it opened. */
	static final String VAR_SENT = "sent";

	static final String VAR_DELIVERED = "delivered";

	static final String VAR_HARD_BOUNCES = "hardBounces";

	/** Text: "9.87 %". */
	static final String VAR_HARD_BOUNCE_RATE = "hardBounceRate";

	static final String VAR_COMPLAINTS = "complaints";

	static final String VAR_COMPLAINT_RATE = "complaintRate";

	/** Text: one failure reason and its count a line, most frequent first. */
	static final String VAR_FAILURE_REASONS = "failureReasons";

	private DeliveryProcessIds() {
	}

}
