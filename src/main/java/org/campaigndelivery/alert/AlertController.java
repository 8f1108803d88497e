package org.campaigndelivery.alert;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.campaigndelivery.api.Paging;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/alerts")
@Tag(name = "Alerts")
class AlertController {

	private final Alerts alerts;

	AlertController(Alerts alerts) {
		this.alerts = alerts;
	}

	/** Newest first; of one delivery with deliveryId. */
	@GetMapping
	@Operation(operationId = "listAlerts", summary = "List alerts",
			description = "Newest first. `kind` AUTO_PAUSED (the reputation guard paused it), FAILED (its preparation "
					+ "found errors), VALIDITY_ENDED (more failed than delivery.alerts.failed-rate when its validity "
					+ "period ended) or STALLED (sending, nothing relayed for delivery.alerts.stalled-after); each "
					+ "kind once per delivery.")
	List<Alert> list(
			@Parameter(description = "Only the alerts of this delivery.") @RequestParam(
					required = false) String deliveryId,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		Paging paging = Paging.of(page, size);
		return this.alerts.list((deliveryId == null || deliveryId.isEmpty()) ? null : deliveryId, paging);
	}

}
