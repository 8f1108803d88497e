package org.campaigndelivery.sending;

import java.util.List;

import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.feedback.LogStatus;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.security.CurrentUser;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SendingLogController {

	private final SendingLogRepository logs;

	private final DeliveryService deliveries;

	SendingLogController(SendingLogRepository logs, DeliveryService deliveries) {
		this.logs = logs;
		this.deliveries = deliveries;
	}

	@GetMapping("/api/deliveries/{id}/logs")
	List<SendingLogRepository.LogView> logs(@PathVariable String id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size,
			CurrentUser user) {
		user.requireDeliveryReader();
		this.deliveries.get(id);
		Paging paging = Paging.of(page, size);
		return this.logs.logs(id, status(status), paging.offset(), paging.size());
	}

	private static LogStatus status(String status) {
		if (status == null || status.isEmpty()) {
			return null;
		}
		try {
			return LogStatus.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("status", "must be one of PENDING, SENT, FAILED");
		}
	}

}
