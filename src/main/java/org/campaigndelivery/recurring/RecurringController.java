package org.campaigndelivery.recurring;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.delivery.Occurrence;
import org.campaigndelivery.delivery.DeliveryService;
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
@RequestMapping("/api/recurring-deliveries")
class RecurringController {

	private static final Kpis NONE = new Kpis(0, 0, 0, 0, 0, 0, 0, 0, 0, null);

	private final RecurringService recurring;

	private final DeliveryService deliveries;

	private final KpiService kpis;

	RecurringController(RecurringService recurring, DeliveryService deliveries, KpiService kpis) {
		this.recurring = recurring;
		this.deliveries = deliveries;
		this.kpis = kpis;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, CurrentUser user) {
		RecurringDelivery created = this.recurring.create(body, user);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", created.id());
		answer.put("status", created.status());
		answer.put("nextRun", created.nextRun());
		return ResponseEntity.created(URI.create("/api/recurring-deliveries/" + created.id())).body(answer);
	}

	/** One recurring delivery with a page of its occurrences (newest first). */
	@GetMapping("/{id}")
	RecurringView get(@PathVariable String id, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		Paging paging = Paging.of(page, size);
		RecurringDelivery r = this.recurring.get(id);
		List<RecurringView.OccurrenceView> occurrences = this.deliveries.occurrences(id, paging)
			.stream()
			.map((d) -> RecurringView.OccurrenceView.of(d, kpis(d.id())))
			.toList();
		return RecurringView.of(r, occurrences, periods(r));
	}

	@GetMapping
	List<RecurringView> list(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return this.recurring.list(Paging.of(page, size))
			.stream()
			.map((r) -> RecurringView.of(r, List.of(), List.of()))
			.toList();
	}

	@PostMapping("/{id}/cancel")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(@PathVariable String id) {
		this.recurring.cancel(id);
	}

	/** The figures of each aggregation period, newest first; none without periods. */
	private List<RecurringView.PeriodView> periods(RecurringDelivery r) {
		if (r.aggregationPeriod() == null) {
			return List.of();
		}
		Map<OffsetDateTime, List<Occurrence>> byPeriod = new LinkedHashMap<>();
		for (Occurrence o : this.deliveries.occurrencePeriods(r.id())) {
			byPeriod.computeIfAbsent(o.periodStart().toInstant().atOffset(ZoneOffset.UTC), (k) -> new ArrayList<>())
				.add(o);
		}
		List<RecurringView.PeriodView> periods = new ArrayList<>();
		byPeriod.forEach((start, occurrences) -> {
			Kpis sum = NONE;
			for (Occurrence o : occurrences) {
				sum = sum.plus(kpis(o.deliveryId()));
			}
			periods.add(0, RecurringView.PeriodView.of(start, r.periodEnd(start), occurrences.size(), sum));
		});
		return periods;
	}

	private Kpis kpis(String deliveryId) {
		return this.kpis.kpis(deliveryId).orElse(NONE);
	}

}
