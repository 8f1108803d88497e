package org.campaigndelivery.workflow;

/**
 * Process keys, BPMN element ids and process variable names: the contract between bpmn/
 * and the code.
 */
final class DeliveryProcessIds {

	static final String PROCESS_DELIVERY = "delivery";

	static final String START_DELIVERY_REQUESTED = "StartEvent_DeliveryRequested";

	static final String TASK_PREPARE_DELIVERY = "Task_PrepareDelivery";

	static final String GATEWAY_PREPARATION_PASSED = "Gateway_PreparationPassed";

	static final String END_PREPARATION_FAILED = "EndEvent_PreparationFailed";

	static final String GATEWAY_APPROVAL_REQUIRED = "Gateway_ApprovalRequired";

	static final String TASK_APPROVE_DELIVERY = "Task_ApproveDelivery";

	static final String GATEWAY_APPROVED = "Gateway_Approved";

	static final String END_DELIVERY_REJECTED = "EndEvent_DeliveryRejected";

	static final String TASK_CONFIRM_SEND = "Task_ConfirmSend";

	static final String GATEWAY_SEND_CONFIRMED = "Gateway_SendConfirmed";

	static final String END_SEND_NOT_CONFIRMED = "EndEvent_SendNotConfirmed";

	static final String GATEWAY_CONTACT_DATE_SET = "Gateway_ContactDateSet";

	static final String TIMER_CONTACT_DATE_REACHED = "TimerEvent_ContactDateReached";

	static final String TASK_START_SENDING = "Task_StartSending";

	static final String SUBPROCESS_SENDING_LANE = "SubProcess_SendingLane";

	static final String GATEWAY_NEXT_BATCH = "Gateway_NextBatch";

	static final String TASK_SEND_BATCH = "Task_SendBatch";

	static final String END_LANE_DRAINED = "EndEvent_LaneDrained";

	static final String EVENT_RELAY_COMPLETE = "Event_RelayComplete";

	static final String SUBPROCESS_VALIDITY_PERIOD = "SubProcess_ValidityPeriod";

	static final String TIMER_RETRY_PERIOD_ELAPSED = "TimerEvent_RetryPeriodElapsed";

	static final String TASK_START_RETRY_WAVE = "Task_StartRetryWave";

	static final String SUBPROCESS_RETRY_LANE = "SubProcess_RetryLane";

	static final String TASK_RETRY_BATCH = "Task_RetryBatch";

	static final String GATEWAY_VALIDITY_LEFT = "Gateway_ValidityLeft";

	static final String BOUNDARY_VALIDITY_EXPIRED = "BoundaryEvent_ValidityExpired";

	static final String TASK_EXPIRE_SOFT_BOUNCES = "Task_ExpireSoftBounces";

	static final String TASK_COMPUTE_FINAL_KPIS = "Task_ComputeFinalKpis";

	static final String END_DELIVERY_FINISHED = "EndEvent_DeliveryFinished";

	static final String FORM_APPROVE_DELIVERY = "approve-delivery";

	static final String FORM_CONFIRM_SEND = "confirm-send";

	/** The delivery's id; also the business key. */
	static final String VAR_DELIVERY_ID = "deliveryId";

	static final String VAR_APPROVAL_MODE = "approvalMode";

	/** java.util.Date, or null to send right after confirmation. */
	static final String VAR_CONTACT_DATE = "contactDate";

	static final String VAR_LABEL = "deliveryLabel";

	static final String VAR_SUBJECT = "deliverySubject";

	static final String VAR_TARGETED = "targeted";

	static final String VAR_EXCLUDED = "excluded";

	static final String VAR_TO_DELIVER = "toDeliver";

	static final String VAR_HAS_ERRORS = "hasErrors";

	static final String VAR_HAS_WARNINGS = "hasWarnings";

	static final String VAR_ERRORS = "preparationErrors";

	static final String VAR_WARNINGS = "preparationWarnings";

	static final String VAR_APPROVED = "approved";

	static final String VAR_APPROVAL_COMMENT = "approvalComment";

	static final String VAR_CONFIRMED = "confirmed";

	static final String VAR_SENDING_LANES = "sendingLanes";

	/** ISO-8601 duration between retry waves. */
	static final String VAR_RETRY_PERIOD = "retryPeriod";

	/** java.util.Date: the end of the validity period, fixed when sending starts. */
	static final String VAR_VALID_UNTIL = "validUntil";

	/** The lane's number, 0..sendingLanes-1: the multi-instance loop counter. */
	static final String VAR_LANE = "loopCounter";

	/** Local to a lane: nothing is left for it to relay. */
	static final String VAR_LANE_DRAINED = "laneDrained";

	private DeliveryProcessIds() {
	}

}
