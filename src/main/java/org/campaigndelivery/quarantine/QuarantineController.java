package org.campaigndelivery.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.InvalidRequestException.FieldProblem;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.QueryParameters;
import org.campaigndelivery.api.RequestBodies;
import org.campaigndelivery.security.CurrentUser;
import org.campaigndelivery.security.Roles;

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

	QuarantineController(QuarantineService quarantine) {
		this.quarantine = quarantine;
	}

	@GetMapping
	List<QuarantinedAddress> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size,
			CurrentUser user) {
		user.requireDeliveryReader();
		Paging paging = Paging.of(page, size);
		return this.quarantine.list(QueryParameters.optionalEnum("status", status, AddressStatus.class), paging);
	}

	@GetMapping("/{address}")
	QuarantinedAddress get(@PathVariable String address, CurrentUser user) {
		user.requireDeliveryReader();
		return this.quarantine.get(address);
	}

	/** An administrator sets an address back to VALID or on the ALLOWLIST. */
	@PutMapping("/{address}")
	QuarantinedAddress set(@PathVariable String address, @RequestBody JsonNode body, CurrentUser user) {
		user.require("change quarantine statuses", Roles.ADMINS);
		List<FieldProblem> problems = new ArrayList<>();
		RequestBodies.rejectUnknownFields(RequestBodies.object(body), Set.of("status"), "", problems);
		if (!body.path("status").isTextual()) {
			problems.add(new FieldProblem("status", "is required: VALID or ALLOWLIST"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return this.quarantine.set(address,
				QueryParameters.optionalEnum("status", body.get("status").asText(), AddressStatus.class));
	}

}
