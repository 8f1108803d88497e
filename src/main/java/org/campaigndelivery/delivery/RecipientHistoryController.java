package org.campaigndelivery.delivery;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.audience.EmailAddresses;
import org.campaigndelivery.sendinglog.DelayWarning;
import org.campaigndelivery.sendinglog.LogStatus;
import org.campaigndelivery.sendinglog.RecipientLog;
import org.campaigndelivery.sendinglog.SendingLogs;
import org.campaigndelivery.tracking.Engagement;
import org.campaigndelivery.tracking.TrackingService;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A recipient's profile history: every message sent to the address, newest first. */
@RestController
@Tag(name = "Recipients")
class RecipientHistoryController {

	static final String LOGS_PURGED_THROUGH = "Logs-Purged-Through";

	private final SendingLogs logs;

	private final DeliveryService deliveries;

	private final TrackingService tracking;

	RecipientHistoryController(SendingLogs logs, DeliveryService deliveries, TrackingService tracking) {
		this.logs = logs;
		this.deliveries = deliveries;
		this.tracking = tracking;
	}

	@GetMapping("/api/recipients/{email}/history")
	@Operation(operationId = "getRecipientHistory", summary = "Read a recipient's history",
			description = "Every message sent to the address, newest first, with its sending log and the "
					+ "recipient's counted opens and clicks.")
	@ApiResponse(responseCode = "200", description = "The messages; none for an address never sent to.",
			useReturnTypeSchema = true,
			headers = @Header(name = RecipientHistoryController.LOGS_PURGED_THROUGH,
					description = "Once the cleanup process purged logs: the messages of deliveries that ended "
							+ "by this time are no longer listed.",
					schema = @Schema(type = "string", format = "date-time")))
	@ApiResponse(responseCode = "400", description = "The address is not an email address.")
	ResponseEntity<List<HistoryEntry>> history(
			@Parameter(description = "The address, in any case.",
					example = "alice@example.com") @PathVariable String email,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		Paging paging = Paging.of(page, size);
		String address = email.trim();
		if (!EmailAddresses.isValid(address)) {
			throw new InvalidRequestException("email", "must be an email address such as alice@example.com");
		}
		List<RecipientLog> messages = this.logs.history(EmailAddresses.normalise(address), paging);
		Map<Long, Engagement.OfMessage> engagement = new HashMap<>();
		this.tracking.engagementOf(messages.stream().map(RecipientLog::logId).toList())
			.forEach((e) -> engagement.put(e.logId(), e));
		Map<String, String> labels = new HashMap<>();
		List<HistoryEntry> history = messages.stream().map((m) -> {
			Engagement.OfMessage e = engagement.getOrDefault(m.logId(), new Engagement.OfMessage(m.logId(), 0, 0));
			String label = labels.computeIfAbsent(m.deliveryId(), (id) -> this.deliveries.get(id).label());
			return new HistoryEntry(m.deliveryId(), label, m.messageId(), m.status(), m.failureType(),
					m.failureReason(), m.attempts(), m.relayedAt(), m.updatedAt(), m.delayed(), e.opens(), e.clicks());
		}).toList();
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		this.deliveries.logsPurgedThrough()
			.ifPresent((through) -> answer.header(LOGS_PURGED_THROUGH, through.toString()));
		return answer.body(history);
	}

	/**
	 * One message: its delivery, its sending log, and the recipient's counted opens and
	 * clicks.
	 *
	 * @param delayed the MTA's warnings that it still holds the message; null when none
	 * came
	 */
	record HistoryEntry(String deliveryId, String deliveryLabel, String messageId, LogStatus status, String failureType,
			String failureReason, int attempts, OffsetDateTime relayedAt, OffsetDateTime updatedAt,
			DelayWarning delayed, int opens, int clicks) {
	}

}
