package org.campaigndelivery.quarantine;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
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
class QuarantineController {

	private final QuarantineService quarantine;

	private final RequestBinder binder;

	QuarantineController(QuarantineService quarantine, RequestBinder binder) {
		this.quarantine = quarantine;
		this.binder = binder;
	}

	@GetMapping
	List<QuarantinedAddress> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		Paging paging = Paging.of(page, size);
		return this.quarantine.list(QueryParameters.optionalEnum("status", status, AddressStatus.class), paging);
	}

	@GetMapping("/{address}")
	QuarantinedAddress get(@PathVariable String address) {
		return this.quarantine.get(address);
	}

	/** An administrator sets an address back to VALID or on the ALLOWLIST. */
	@PutMapping("/{address}")
	QuarantinedAddress set(@PathVariable String address, @RequestBody JsonNode body) {
		StatusRequest request = this.binder.read(body, StatusRequest.class);
		return this.quarantine.set(address,
				QueryParameters.optionalEnum("status", request.status(), AddressStatus.class));
	}

	record StatusRequest(@NotNull(message = "is required: VALID or ALLOWLIST") String status) {
	}

}
