package org.campaigndelivery.audience;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.security.CurrentUser;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/audiences")
class AudienceController {

	private final AudienceService audiences;

	private final Clock clock;

	AudienceController(AudienceService audiences, Clock clock) {
		this.clock = clock;
		this.audiences = audiences;
	}

	/** A text/csv body, streamed into the database as it arrives. */
	@PostMapping(consumes = "text/csv")
	ResponseEntity<AudienceService.ImportResult> importCsv(@RequestParam(required = false) String name,
			HttpServletRequest request, CurrentUser user) throws IOException {
		String label = name == null || name.isBlank() ? "Audience of " + LocalDate.now(this.clock) : name.trim();
		if (label.length() > 255) {
			throw new InvalidRequestException("name", "must be at most 255 characters long");
		}
		AudienceService.ImportResult result = this.audiences.importCsv(label,
				new InputStreamReader(request.getInputStream(), charset(request)), user.id());
		return ResponseEntity.created(URI.create("/api/audiences/" + result.id())).body(result);
	}

	@GetMapping("/{id}")
	AudienceSummary get(@PathVariable String id) {
		return this.audiences.find(id).orElseThrow(() -> ApiException.notFound("No audience has the id '" + id + "'."));
	}

	@GetMapping("/{id}/rejections")
	List<AudienceRepository.Rejection> rejections(@PathVariable String id, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size, CurrentUser user) {
		get(id);
		Paging paging = Paging.of(page, size);
		return this.audiences.rejections(id, paging);
	}

	private static Charset charset(HttpServletRequest request) {
		try {
			return request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
					: Charset.forName(request.getCharacterEncoding());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("Content-Type", "names an unknown charset");
		}
	}

}
