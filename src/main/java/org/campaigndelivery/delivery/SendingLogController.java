package org.campaigndelivery.delivery;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.QueryParameters;
import org.campaigndelivery.sendinglog.LogStatus;
import org.campaigndelivery.sendinglog.LogView;
import org.campaigndelivery.sendinglog.SendingLogs;
import org.campaigndelivery.sendinglog.Timeline;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sending logs")
class SendingLogController {

	private final SendingLogs logs;

	private final DeliveryService deliveries;

	SendingLogController(SendingLogs logs, DeliveryService deliveries) {
		this.logs = logs;
		this.deliveries = deliveries;
	}

	@GetMapping("/api/deliveries/{id}/logs")
	@Operation(operationId = "listSendingLogs", summary = "List a delivery's sending logs",
			description = "One log per recipient: by status (FAILED, PENDING, SENT), then in the order the lanes "
					+ "relay them; `delayed` holds the MTA's delay warnings.")
	List<LogView> logs(@PathVariable String id,
			@Parameter(description = "Only the logs in this status.",
					schema = @Schema(implementation = LogStatus.class)) @RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		this.deliveries.get(id);
		Paging paging = Paging.of(page, size);
		return this.logs.logs(id, QueryParameters.optionalEnum("status", status, LogStatus.class), paging);
	}

	/** Delivered and failed messages over time, for the Deployment page's chart. */
	@GetMapping("/api/deliveries/{id}/timeline")
	@Operation(operationId = "getDeliveryTimeline", summary = "Read a delivery's timeline",
			description = "Cumulated counts of delivered and failed logs by their last change, per second, minute, "
					+ "hour or day as the span requires.")
	Timeline timeline(@PathVariable String id) {
		this.deliveries.get(id);
		return this.logs.timeline(id);
	}

}
