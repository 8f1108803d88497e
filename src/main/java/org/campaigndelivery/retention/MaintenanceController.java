package org.campaigndelivery.retention;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.security.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/maintenance")
@Tag(name = "Maintenance")
class MaintenanceController {

	private final CleanupService cleanup;

	MaintenanceController(CleanupService cleanup) {
		this.cleanup = cleanup;
	}

	/** Starts a cleanup run now; it purges in the background. */
	@PostMapping("/cleanup")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(operationId = "startCleanupRun", summary = "Start a cleanup run",
			description = "Purges now, in batches of delivery.retention.batch-size each its own transaction, what the "
					+ "retention periods let go: sending logs with their events and exclusion logs of deliveries "
					+ "ended longer ago than delivery.retention.sending-logs, tracking hits, bounce reports, the "
					+ "recipients of audiences no delivery uses any more. Deliveries keep their KPIs and exclusion "
					+ "counts. The nightly timer (delivery.retention.cycle) starts the same runs.")
	@ApiResponse(responseCode = "202", description = "Started; it purges in the background.",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "409", description = "Another run is under way: one at a time in the cluster.")
	CleanupRun cleanup(CurrentUser user) {
		return this.cleanup.request(user);
	}

	/** The cleanup runs, newest first, with what each purged. */
	@GetMapping("/cleanup-runs")
	@Operation(operationId = "listCleanupRuns", summary = "List cleanup runs",
			description = "Newest first, with what each purged per kind and how long it took (so far, while running).")
	List<CleanupRun> runs(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return this.cleanup.runs(Paging.of(page, size));
	}

}
