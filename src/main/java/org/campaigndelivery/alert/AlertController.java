package org.campaigndelivery.alert;

import java.util.List;

import org.campaigndelivery.api.Paging;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/alerts")
class AlertController {

	private final Alerts alerts;

	AlertController(Alerts alerts) {
		this.alerts = alerts;
	}

	/** Newest first; of one delivery with deliveryId. */
	@GetMapping
	List<Alert> list(@RequestParam(required = false) String deliveryId, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		Paging paging = Paging.of(page, size);
		return this.alerts.list((deliveryId == null || deliveryId.isEmpty()) ? null : deliveryId, paging);
	}

}
