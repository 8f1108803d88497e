package org.campaigndelivery.delivery;

import java.util.List;

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
class SendingLogController {

	private final SendingLogs logs;

	private final DeliveryService deliveries;

	SendingLogController(SendingLogs logs, DeliveryService deliveries) {
		this.logs = logs;
		this.deliveries = deliveries;
	}

	@GetMapping("/api/deliveries/{id}/logs")
	List<LogView> logs(@PathVariable String id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		this.deliveries.get(id);
		Paging paging = Paging.of(page, size);
		return this.logs.logs(id, QueryParameters.optionalEnum("status", status, LogStatus.class), paging);
	}

	/** Delivered and failed messages over time, for the Deployment page's chart. */
	@GetMapping("/api/deliveries/{id}/timeline")
	Timeline timeline(@PathVariable String id) {
		this.deliveries.get(id);
		return this.logs.timeline(id);
	}

}
