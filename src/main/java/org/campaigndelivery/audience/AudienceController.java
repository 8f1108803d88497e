package org.campaigndelivery.audience;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Audiences")
class AudienceController {

	private final AudienceService audiences;

	private final Clock clock;

	AudienceController(AudienceService audiences, Clock clock) {
		this.clock = clock;
		this.audiences = audiences;
	}

	/** A text/csv body, streamed into the database as it arrives. */
	@PostMapping(consumes = "text/csv")
	@Operation(operationId = "importAudience", summary = "Import an audience from CSV",
			description = "The header row names an `email` column; `firstName`, `lastName` (any case, `_` or space "
					+ "allowed) and every other column personalise. Comma or semicolon separated, RFC 4180 quoting, "
					+ "UTF-8 unless the content type names another charset. A line that cannot be read is rejected "
					+ "by its number (see its rejections); an empty or invalid address is kept and excluded when a "
					+ "delivery is prepared.",
			requestBody = @RequestBody(required = true,
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
							examples = @ExampleObject(name = "csv", summary = "Semicolon separated, one member",
									value = "email;firstName;lastName;city\nalice@example.com;Alice;Martin;Lyon\n"))))
	@ApiResponse(responseCode = "201", description = "Imported: the members read and the lines rejected.",
			useReturnTypeSchema = true,
			headers = @Header(name = "Location", description = "The audience: /api/audiences/{id}",
					schema = @Schema(type = "string", format = "uri-reference")))
	@ApiResponse(responseCode = "400",
			description = "The name is longer than 255 characters, or the content type names an unknown charset.")
	ResponseEntity<AudienceService.ImportResult> importCsv(
			@Parameter(description = "The audience's name, at most 255 characters; by default \"Audience of\" and "
					+ "the day.", example = "Spring customers") @RequestParam(required = false) String name,
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
	@Operation(operationId = "getAudience", summary = "Read an audience",
			description = "Its name, members, lines rejected, who imported it and when.")
	AudienceSummary get(@PathVariable String id) {
		return this.audiences.find(id).orElseThrow(() -> ApiException.notFound("No audience has the id '" + id + "'."));
	}

	@GetMapping("/{id}/rejections")
	@Operation(operationId = "listAudienceRejections", summary = "List an audience's rejected lines",
			description = "The CSV lines that could not be read, by line number, with the reason.")
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
