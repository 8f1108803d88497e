package org.campaigndelivery.delivery;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Deliveries")
class DeliveryController {

	static final String EXAMPLE = """
			{
			  "label": "Winter sale",
			  "from": "news@shop.example.com",
			  "subject": "Hello {{firstName}}, the sale starts",
			  "html": "<p>Hello {{firstName}} {{lastName}}</p><a href=\\"https://shop.example.com/unsubscribe\\">Unsubscribe</a>",
			  "recipients": [{"email": "alice@example.com", "firstName": "Alice", "city": "Lyon"}],
			  "approvalMode": "MANUAL",
			  "emailFeedbackService": false,
			  "contactDate": "2030-01-31T09:00:00Z",
			  "validityPeriod": "P3DT12H",
			  "retryPeriod": "PT1H"
			}""";

	private final DeliveryService deliveries;

	private final KpiService kpis;

	private final RequestBinder binder;

	DeliveryController(DeliveryService deliveries, KpiService kpis, RequestBinder binder) {
		this.deliveries = deliveries;
		this.kpis = kpis;
		this.binder = binder;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createDelivery", summary = "Create a delivery",
			description = "Created PREPARING, its process started: it is prepared (exclusions, control rules), "
					+ "approved unless its approval is automatic, then waits for a starter's confirmation. Either "
					+ "`recipients` (up to 100,000 inline) or `audienceId` (an imported audience) is required, never "
					+ "both. Without `contactDate` it is sent as soon as it is confirmed.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = DeliveryRequest.class),
							examples = @ExampleObject(name = "inline",
									summary = "One recipient inline, sent on 31 January 2030 once confirmed",
									value = EXAMPLE))))
	@ApiResponse(responseCode = "201", description = "Created; its process runs.", useReturnTypeSchema = true,
			headers = @Header(name = "Location", description = "The delivery: /api/deliveries/{id}",
					schema = @Schema(type = "string", format = "uri-reference")))
	ResponseEntity<Created> create(@RequestBody JsonNode body, CurrentUser user) {
		Delivery delivery = this.deliveries.create(body, user);
		return ResponseEntity.created(URI.create("/api/deliveries/" + delivery.id()))
			.body(new Created(delivery.id(), delivery.status()));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getDelivery", summary = "Read a delivery",
			description = "Its status and why, its dates, its deployment (messages to deliver, processed) and KPIs.")
	DeliveryView get(@PathVariable String id) {
		return view(this.deliveries.get(id));
	}

	@GetMapping
	@Operation(operationId = "listDeliveries", summary = "List deliveries", description = "Newest first.")
	List<DeliveryView> list(@Parameter(description = "Only the deliveries in this status.",
			schema = @Schema(implementation = DeliveryStatus.class)) @RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		Paging paging = Paging.of(page, size);
		return this.deliveries.list(QueryParameters.optionalEnum("status", status, DeliveryStatus.class), paging)
			.stream()
			.map(this::view)
			.toList();
	}

	@PostMapping(path = "/{id}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "approveDelivery", summary = "Approve or reject a delivery",
			description = "Decides the pending approval, as its task in Tasklist would; rejecting needs a comment "
					+ "saying why.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = Decisions.ApprovalRequest.class),
							examples = @ExampleObject(name = "approve", summary = "Approved, saying why",
									value = "{\"approved\": true, \"comment\": \"Checked the proof\"}"))))
	@ApiResponse(responseCode = "204", description = "Decided.")
	@ApiResponse(responseCode = "409", description = "No approval of the delivery is pending.")
	void approve(@PathVariable String id, @RequestBody JsonNode body) {
		Decisions.Approval approval = Decisions.approval(body, this.binder);
		this.deliveries.approve(id, approval.approved(), approval.comment());
	}

	@PostMapping(path = "/{id}/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "confirmDelivery", summary = "Confirm or refuse the send of a delivery",
			description = "Decides the pending confirmation: true sends it (at its contact date, if it has one), "
					+ "false cancels it.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = Decisions.ConfirmationRequest.class),
							examples = @ExampleObject(name = "confirm", summary = "Send it",
									value = "{\"confirmed\": true}"))))
	@ApiResponse(responseCode = "204", description = "Decided.")
	@ApiResponse(responseCode = "409", description = "No confirmation of the delivery's send is pending.")
	void confirm(@PathVariable String id, @RequestBody JsonNode body) {
		this.deliveries.confirm(id, Decisions.confirmation(body, this.binder));
	}

	@PostMapping("/{id}/cancel")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "cancelDelivery", summary = "Cancel a delivery",
			description = "Stops it wherever it stands: no further message is relayed; `statusReason` says who "
					+ "cancelled.")
	@ApiResponse(responseCode = "204", description = "Cancelled.")
	@ApiResponse(responseCode = "409", description = "It is SENT, FINISHED or ended otherwise, or its lanes have "
			+ "handed every message to the MTA already (it would stop nothing; it becomes SENT).")
	void cancel(@PathVariable String id) {
		this.deliveries.cancel(id);
	}

	@PostMapping("/{id}/pause")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "pauseDelivery", summary = "Pause a delivery",
			description = "PAUSED: each lane relays no further batch until it is resumed, and the validity period "
					+ "stands still.")
	@ApiResponse(responseCode = "204", description = "Paused.")
	@ApiResponse(responseCode = "409", description = "It is neither SENDING nor SCHEDULED.")
	void pause(@PathVariable String id, CurrentUser user) {
		this.deliveries.pause(id, user);
	}

	@PostMapping("/{id}/resume")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "resumeDelivery", summary = "Resume a paused delivery",
			description = "Back to SENDING (SCHEDULED before its contact date): the lanes relay the rest, each "
					+ "recipient once, and the validity period ends as much later as it was paused.")
	@ApiResponse(responseCode = "204", description = "Resumed.")
	@ApiResponse(responseCode = "409", description = "It is not PAUSED.")
	void resume(@PathVariable String id, CurrentUser user) {
		this.deliveries.resume(id, user);
	}

	@PostMapping("/{id}/compute-stats")
	@Operation(operationId = "computeDeliveryStats", summary = "Recount a delivery's KPIs",
			description = "The KPIs counted again from the sending logs, and kept.")
	@ApiResponse(responseCode = "200", description = "Recounted.", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "409",
			description = "Its sending logs were purged by the cleanup process (logsPurgedAt): nothing is left to "
					+ "recount.")
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
	@Operation(operationId = "getDeliveryProcess", summary = "Read a delivery's process and open task",
			description = "The running process and its open task, with their pages in Cockpit and Tasklist, as far "
					+ "as the caller may see them; running is false once the process ended.")
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

	/** The delivery just created: PREPARING, its process started. */
	@Schema(name = "CreatedDelivery")
	record Created(String id, DeliveryStatus status) {
	}

	record ProcessLinks(boolean running, String processInstanceId, String cockpitUrl, String taskId, String taskName,
			String taskKey, String tasklistUrl) {
	}

}
