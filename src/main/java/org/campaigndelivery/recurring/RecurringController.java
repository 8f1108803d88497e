package org.campaigndelivery.recurring;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Recurring deliveries")
class RecurringController {

	static final String EXAMPLE = """
			{
			  "label": "Weekly news",
			  "from": "news@shop.example.com",
			  "subject": "This week, {{firstName}}",
			  "html": "<p>Hello {{firstName}}</p><a href=\\"https://shop.example.com/unsubscribe\\">Unsubscribe</a>",
			  "audienceId": "5f0c6a52-7f39-4f0e-9a57-3b1c2c8a9d10",
			  "schedule": "0 0 9 * * MON",
			  "timeZone": "Europe/Paris",
			  "until": "2030-12-31T00:00:00Z",
			  "confirmBeforeSend": false
			}""";

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
	@Operation(operationId = "createRecurringDelivery", summary = "Set up a recurring delivery",
			description = "The fields of a delivery (but `contactDate` and `guard`) and its schedule. Each "
					+ "occurrence is a delivery of its own, prepared and approved as any; setting it up is the "
					+ "standing confirmation of the sends that need none each.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(ref = RecurringRequestDocumentation.SCHEMA_REF),
							examples = @ExampleObject(name = "weekly", summary = "Every Monday at 9 in Paris",
									value = EXAMPLE))))
	@ApiResponse(responseCode = "201", description = "Set up: ACTIVE, with its first occurrence's time.",
			useReturnTypeSchema = true,
			headers = @Header(name = "Location", description = "The recurring delivery: /api/recurring-deliveries/{id}",
					schema = @Schema(type = "string", format = "uri-reference")))
	ResponseEntity<Created> create(@RequestBody JsonNode body, CurrentUser user) {
		RecurringDelivery created = this.recurring.create(body, user);
		return ResponseEntity.created(URI.create("/api/recurring-deliveries/" + created.id()))
			.body(new Created(created.id(), created.status(), created.nextRun()));
	}

	/** One recurring delivery with a page of its occurrences (newest first). */
	@GetMapping("/{id}")
	@Operation(operationId = "getRecurringDelivery", summary = "Read a recurring delivery",
			description = "Its schedule and a page of its occurrences (newest first), with the figures of each "
					+ "aggregation period.")
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
	@Operation(operationId = "listRecurringDeliveries", summary = "List recurring deliveries",
			description = "Newest first, without their occurrences.")
	List<RecurringView> list(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return this.recurring.list(Paging.of(page, size))
			.stream()
			.map((r) -> RecurringView.of(r, List.of(), List.of()))
			.toList();
	}

	@PostMapping("/{id}/cancel")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "cancelRecurringDelivery", summary = "Cancel a recurring delivery",
			description = "Its schedule stops; the occurrences waiting for an approval or a confirmation are "
					+ "cancelled with it, those already sending go on.")
	@ApiResponse(responseCode = "204", description = "Cancelled.")
	@ApiResponse(responseCode = "409", description = "It is no longer active.")
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

	/**
	 * @param nextRun when the first occurrence is due
	 */
	@Schema(name = "CreatedRecurringDelivery")
	record Created(String id, RecurringStatus status, OffsetDateTime nextRun) {
	}

}
