package org.campaigndelivery.preparation;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.security.CurrentUser;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/deliveries/{id}")
@Tag(name = "Preparation")
class PreparationController {

	private final PreparationRepository repository;

	private final DeliveryService deliveries;

	PreparationController(PreparationRepository repository, DeliveryService deliveries) {
		this.repository = repository;
		this.deliveries = deliveries;
	}

	@GetMapping("/exclusions")
	@Operation(operationId = "listExclusions", summary = "List a delivery's exclusions",
			description = "The recipients its preparation excluded, each with its reason.")
	List<PreparationRepository.Exclusion> exclusions(@PathVariable String id,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		readable(id);
		Paging paging = Paging.of(page, size);
		return this.repository.exclusions(id, paging);
	}

	/**
	 * The exclusions counted by reason and the control rules' findings: why a delivery
	 * failed, or what its approver should look at.
	 */
	@GetMapping("/preparation")
	@Operation(operationId = "getPreparation", summary = "Read a delivery's preparation report",
			description = "The exclusions counted by reason (every reason named) and the control rules' findings: "
					+ "errors, warnings, and notices, which ask for no approval.")
	Preparation preparation(@PathVariable String id) {
		readable(id);
		List<Finding> findings = this.repository.findings(id);
		Map<ExclusionReason, Integer> byReason = this.repository.countExclusionsByReason(id);
		return new Preparation(byReason.values().stream().mapToInt(Integer::intValue).sum(), byReason,
				findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList(),
				findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList(),
				findings.stream().filter(f -> f.severity() == Finding.Severity.NOTICE).toList());
	}

	private void readable(String id) {
		this.deliveries.get(id);
	}

	record Preparation(int excluded, Map<ExclusionReason, Integer> excludedByReason, List<Finding> errors,
			List<Finding> warnings, List<Finding> notices) {
	}

}
