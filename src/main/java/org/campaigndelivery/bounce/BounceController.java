package org.campaigndelivery.bounce;

import java.util.List;

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
class BounceController {

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
	InboundReport receive(@RequestBody(required = false) byte[] body,
			@RequestParam(required = false) String recipient) {
		if (body == null || body.length == 0) {
			throw new InvalidRequestException("(body)", "must be a mail message (message/rfc822)");
		}
		return this.intake.receive(body, InboundReport.Source.ENDPOINT, recipient);
	}

	/** The reports received, newest first, filtered by outcome. */
	@GetMapping("/api/mta/reports")
	List<InboundReport> reports(@RequestParam(required = false) String outcome,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return this.intake.reports(outcome, Paging.of(page, size));
	}

}
