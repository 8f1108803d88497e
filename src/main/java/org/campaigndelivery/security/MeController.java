package org.campaigndelivery.security;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, so that the pages offer only what the caller may do. */
@RestController
@Tag(name = "Users")
class MeController {

	@GetMapping("/api/me")
	@Operation(operationId = "getMe", summary = "Who the caller is",
			description = "The caller's user id and groups, so that a client offers only what the caller may do.")
	Me me(CurrentUser user) {
		return new Me(user.id(), user.groups().stream().sorted().toList());
	}

	record Me(String id, List<String> groups) {
	}

}
