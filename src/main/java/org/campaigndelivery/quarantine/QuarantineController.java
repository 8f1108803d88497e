package org.campaigndelivery.quarantine;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;
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
		return this.quarantine.list(status(status), paging.offset(), paging.size());
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
		if (body == null || !body.isObject() || !body.path("status").isTextual()) {
			throw new InvalidRequestException("status", "is required: VALID or ALLOWLIST");
		}
		return this.quarantine.set(address, status(body.get("status").asText()));
	}

	private static AddressStatus status(String status) {
		if (status == null || status.isEmpty()) {
			return null;
		}
		try {
			return AddressStatus.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("status", "must be one of " + List.of(AddressStatus.values()));
		}
	}

}
