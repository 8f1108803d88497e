package org.campaigndelivery.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The URLs recipients' mail clients follow, without authentication: the signed token is
 * the authority. A token that is not one of ours (forged, altered, truncated) gets a 404
 * page: never a redirect, never an error.
 */
@RestController
@RequestMapping("/t")
class TrackingController {

	/** A transparent 1x1 GIF. */
	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final TrackingService tracking;

	TrackingController(TrackingService tracking) {
		this.tracking = tracking;
	}

	@GetMapping("/o/{token}")
	ResponseEntity<byte[]> open(@PathVariable String token,
			@RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent) {
		if (!this.tracking.open(token, userAgent)) {
			return notFound();
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore().mustRevalidate())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.header(HttpHeaders.EXPIRES, "0")
			.contentType(MediaType.IMAGE_GIF)
			.body(PIXEL);
	}

	@GetMapping("/c/{token}")
	ResponseEntity<byte[]> click(@PathVariable String token,
			@RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent) {
		Optional<String> target = this.tracking.click(token, userAgent).flatMap(Redirects::location);
		if (target.isEmpty()) {
			return notFound();
		}
		return ResponseEntity.status(HttpStatus.FOUND)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.LOCATION, target.get())
			.build();
	}

	/**
	 * A page with a button: mail scanners follow links with GET, so only the POST
	 * unsubscribes.
	 */
	@GetMapping("/u/{token}")
	ResponseEntity<byte[]> unsubscribePage(@PathVariable String token) {
		if (!this.tracking.isUnsubscribe(token)) {
			return notFound();
		}
		return page(HttpStatus.OK, "Unsubscribe", """
				<p>Do you want to receive no more messages from us at this address?</p>
				<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
				<button type="submit">Unsubscribe</button></form>""");
	}

	/**
	 * RFC 8058 one-click unsubscribe: the mail client (or the page's button) posts
	 * List-Unsubscribe=One-Click.
	 */
	@PostMapping("/u/{token}")
	ResponseEntity<byte[]> unsubscribe(@PathVariable String token,
			@RequestParam(value = "List-Unsubscribe", required = false) String oneClick) {
		if (!"One-Click".equals(oneClick)) {
			return this.tracking.isUnsubscribe(token)
					? page(HttpStatus.BAD_REQUEST, "Unsubscribe",
							"<p>The request must carry " + HtmlText.escape(MessageTracking.ONE_CLICK) + ".</p>")
					: notFound();
		}
		if (!this.tracking.unsubscribe(token)) {
			return notFound();
		}
		return page(HttpStatus.OK, "Unsubscribed",
				"<p>You are unsubscribed: this address receives no more of our messages.</p>");
	}

	private static ResponseEntity<byte[]> notFound() {
		return page(HttpStatus.NOT_FOUND, "Link not found", "<p>This link is not valid.</p>");
	}

	private static ResponseEntity<byte[]> page(HttpStatus status, String title, String body) {
		String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
				+ "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>";
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(html.getBytes(StandardCharsets.UTF_8));
	}

}
