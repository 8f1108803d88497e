package org.campaigndelivery.retention;

import java.util.List;

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
class MaintenanceController {

	private final CleanupService cleanup;

	MaintenanceController(CleanupService cleanup) {
		this.cleanup = cleanup;
	}

	/** Starts a cleanup run now; it purges in the background. */
	@PostMapping("/cleanup")
	@ResponseStatus(HttpStatus.ACCEPTED)
	CleanupRun cleanup(CurrentUser user) {
		return this.cleanup.request(user);
	}

	/** The cleanup runs, newest first, with what each purged. */
	@GetMapping("/cleanup-runs")
	List<CleanupRun> runs(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return this.cleanup.runs(Paging.of(page, size));
	}

}
