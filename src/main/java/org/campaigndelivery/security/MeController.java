package org.campaigndelivery.security;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, so that the pages offer only what the caller may do. */
@RestController
class MeController {

	@GetMapping("/api/me")
	Me me(CurrentUser user) {
		return new Me(user.id(), user.groups().stream().sorted().toList());
	}

	record Me(String id, List<String> groups) {
	}

}
