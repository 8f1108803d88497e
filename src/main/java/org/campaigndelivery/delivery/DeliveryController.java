package org.campaigndelivery.delivery;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.RequestBinder;
import org.campaigndelivery.api.QueryParameters;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.kpi.Kpis;
import org.campaigndelivery.security.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/deliveries")
class DeliveryController {

	private final DeliveryService deliveries;

	private final KpiService kpis;

	private final RequestBinder binder;

	DeliveryController(DeliveryService deliveries, KpiService kpis, RequestBinder binder) {
		this.deliveries = deliveries;
		this.kpis = kpis;
		this.binder = binder;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, CurrentUser user) {
		Delivery delivery = this.deliveries.create(body, user);
		return ResponseEntity.created(URI.create("/api/deliveries/" + delivery.id()))
			.body(Map.of("id", delivery.id(), "status", delivery.status()));
	}

	@GetMapping("/{id}")
	DeliveryView get(@PathVariable String id) {
		return view(this.deliveries.get(id));
	}

	@GetMapping
	List<DeliveryView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		Paging paging = Paging.of(page, size);
		return this.deliveries.list(QueryParameters.optionalEnum("status", status, DeliveryStatus.class), paging)
			.stream()
			.map(this::view)
			.toList();
	}

	@PostMapping(path = "/{id}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void approve(@PathVariable String id, @RequestBody JsonNode body) {
		Decisions.Approval approval = Decisions.approval(body, this.binder);
		this.deliveries.approve(id, approval.approved(), approval.comment());
	}

	@PostMapping(path = "/{id}/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void confirm(@PathVariable String id, @RequestBody JsonNode body) {
		this.deliveries.confirm(id, Decisions.confirmation(body, this.binder));
	}

	@PostMapping("/{id}/cancel")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(@PathVariable String id) {
		this.deliveries.cancel(id);
	}

	@PostMapping("/{id}/pause")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void pause(@PathVariable String id, CurrentUser user) {
		this.deliveries.pause(id, user);
	}

	@PostMapping("/{id}/resume")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resume(@PathVariable String id, CurrentUser user) {
		this.deliveries.resume(id, user);
	}

	@PostMapping("/{id}/compute-stats")
	DeliveryView.KpiView computeStats(@PathVariable String id) {
		Delivery delivery = this.deliveries.get(id);
		if (delivery.logsPurged()) {
			// a recount of no logs would set every counter to zero
			throw ApiException.conflict("The sending logs of delivery '" + id + "' were purged at "
					+ delivery.logsPurgedAt() + " by the cleanup process: there is nothing left to recount, and its "
					+ "KPIs stay as they were last counted.");
		}
		return DeliveryView.KpiView.of(this.kpis.computeStats(id));
	}

	/**
	 * The delivery's running process and its open task, with their pages in Cockpit and
	 * Tasklist; running is false once the process ended.
	 */
	@GetMapping("/{id}/process")
	ProcessLinks process(@PathVariable String id) {
		return this.deliveries.processState(id)
			.map((state) -> new ProcessLinks(true, state.processInstanceId(), state.cockpitUrl(), state.taskId(),
					state.taskName(), state.taskKey(), state.tasklistUrl()))
			.orElse(new ProcessLinks(false, null, null, null, null, null, null));
	}

	private DeliveryView view(Delivery delivery) {
		Kpis k = this.kpis.kpis(delivery.id()).orElseThrow();
		return DeliveryView.of(delivery, k);
	}

	record ProcessLinks(boolean running, String processInstanceId, String cockpitUrl, String taskId, String taskName,
			String taskKey, String tasklistUrl) {
	}

}
