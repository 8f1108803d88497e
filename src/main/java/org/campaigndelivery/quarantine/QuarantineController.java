package org.campaigndelivery.quarantine;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.QueryParameters;
import org.campaigndelivery.api.RequestBinder;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/quarantine")
@Tag(name = "Quarantine")
class QuarantineController {

	private final QuarantineService quarantine;

	private final RequestBinder binder;

	QuarantineController(QuarantineService quarantine, RequestBinder binder) {
		this.quarantine = quarantine;
		this.binder = binder;
	}

	@GetMapping
	@Operation(operationId = "listQuarantine", summary = "List quarantined addresses",
			description = "The addresses with a quarantine status: ERRONEOUS after soft bounces, QUARANTINE after a "
					+ "hard bounce or too many soft ones, DENYLIST after a complaint or an unsubscribe, ALLOWLIST "
					+ "set by an admin.")
	List<QuarantinedAddress> list(@Parameter(description = "Only the addresses in this status.",
			schema = @Schema(implementation = AddressStatus.class)) @RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		Paging paging = Paging.of(page, size);
		return this.quarantine.list(QueryParameters.optionalEnum("status", status, AddressStatus.class), paging);
	}

	@GetMapping("/{address}")
	@Operation(operationId = "getQuarantinedAddress", summary = "Read an address's quarantine status",
			description = "Its status, errors counted, the last error and why.")
	@ApiResponse(responseCode = "200", description = "The address's status.")
	@ApiResponse(responseCode = "404", description = "The address has no quarantine status.")
	QuarantinedAddress get(@Parameter(example = "alice@example.com") @PathVariable String address) {
		return this.quarantine.get(address);
	}

	/** An administrator sets an address back to VALID or on the ALLOWLIST. */
	@PutMapping("/{address}")
	@Operation(operationId = "setQuarantineStatus", summary = "Release an address or allow it",
			description = "VALID takes it out of the quarantine; ALLOWLIST keeps it out whatever comes back.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = StatusRequest.class),
							examples = @ExampleObject(name = "release", summary = "Out of the quarantine",
									value = "{\"status\": \"VALID\"}"))))
	QuarantinedAddress set(@Parameter(example = "alice@example.com") @PathVariable String address,
			@RequestBody JsonNode body) {
		StatusRequest request = this.binder.read(body, StatusRequest.class);
		return this.quarantine.set(address,
				QueryParameters.optionalEnum("status", request.status(), AddressStatus.class));
	}

	@Schema(name = "QuarantineStatusChange", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record StatusRequest(@Schema(allowableValues = {
			"VALID", "ALLOWLIST" }) @NotNull(message = "is required: VALID or ALLOWLIST") String status){
	}

}
