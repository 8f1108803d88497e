package org.campaigndelivery.bounce;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bounce reports as the MTA mails them back: an MTA's pipe or a mail hook posts each raw
 * message here.
 */
@RestController
@Tag(name = "Bounces")
class BounceController {

	private static final String DSN = """
			From: MAILER-DAEMON@mx.shop.example.com
			To: bounces@shop.example.com
			Subject: Undelivered Mail Returned to Sender
			MIME-Version: 1.0
			Content-Type: multipart/report; report-type=delivery-status; boundary="report"

			--report
			Content-Type: text/plain

			<bob@example.net>: host mx.example.net said: 550 5.1.1 User unknown

			--report
			Content-Type: message/delivery-status

			Reporting-MTA: dns; mx.shop.example.com

			Final-Recipient: rfc822; bob@example.net
			Action: failed
			Status: 5.1.1
			Diagnostic-Code: smtp; 550 5.1.1 User unknown

			--report
			Content-Type: text/rfc822-headers

			Message-ID: <3f2a17@shop.example.com>

			--report--
			""";

	private final BounceIntake intake;

	BounceController(BounceIntake intake) {
		this.intake = intake;
	}

	/**
	 * One raw message (message/rfc822): a DSN, an abuse report, or whatever came back.
	 * @param recipient the address it was delivered to (Postfix's pipe gives it as
	 * ${recipient}), when it is not in its headers
	 */
	@PostMapping(path = "/api/mta/dsn", consumes = { "message/rfc822", "text/plain", "application/octet-stream" })
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(operationId = "postBounceReport", summary = "Post a mail the MTA returned",
			description = "One raw mail: a delivery status notification (DSN), an abuse report (ARF), an "
					+ "auto-reply or anything else. A DSN's or report's events are applied as POST /api/mta/events "
					+ "applies them (RECORDED); the same mail again answers its first record.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "message/rfc822",
							schema = @Schema(type = "string", format = "binary"),
							examples = @ExampleObject(name = "dsn", summary = "A hard bounce's DSN", value = DSN))))
	@ApiResponse(responseCode = "202", description = "Recorded: what the mail was and what became of it.")
	@ApiResponse(responseCode = "400", description = "The body is empty.")
	InboundReport receive(@RequestBody(required = false) byte[] body, @Parameter(
			description = "The address the mail was delivered to (Postfix's pipe: ${recipient}), when it is not in "
					+ "its headers.",
			example = "bounces+3f2a17@shop.example.com") @RequestParam(required = false) String recipient) {
		if (body == null || body.length == 0) {
			throw new InvalidRequestException("(body)", "must be a mail message (message/rfc822)");
		}
		return this.intake.receive(body, InboundReport.Source.ENDPOINT, recipient);
	}

	/** The reports received, newest first, filtered by outcome. */
	@GetMapping("/api/mta/reports")
	@Operation(operationId = "listBounceReports", summary = "List the mail reports received",
			description = "Those posted here and those read from the bounce mailbox, newest first.")
	List<InboundReport> reports(
			@Parameter(description = "Only the reports with this outcome.",
					schema = @Schema(implementation = InboundReport.Outcome.class)) @RequestParam(
							required = false) String outcome,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return this.intake.reports(outcome, Paging.of(page, size));
	}

}
