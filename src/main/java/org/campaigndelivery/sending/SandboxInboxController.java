package org.campaigndelivery.sending;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.security.CurrentUser;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox MTA's inbox in the browser: what the recipients got, newest first, each
 * message rendered (its HTML in a sandboxed iframe that runs no script), its text part,
 * its headers and its source. For admins and starters, with the same users as the API.
 */
@RestController
class SandboxInboxController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final ObjectProvider<SandboxMta> sandbox;

	SandboxInboxController(ObjectProvider<SandboxMta> sandbox) {
		this.sandbox = sandbox;
	}

	@GetMapping(path = "/sandbox", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> inbox() throws MessagingException {
		List<SandboxMessage> messages = sandbox().messages();
		StringBuilder rows = new StringBuilder();
		for (SandboxMessage m : messages) {
			MimeMessage mime = m.parsed();
			rows.append("<tr><td>")
				.append(TIME.format(m.receivedAt()))
				.append("</td><td>")
				.append(escape(m.mailFrom()))
				.append("</td><td>")
				.append(escape(String.join(", ", m.recipients())))
				.append("</td><td><a href=\"/sandbox/")
				.append(m.id())
				.append("\">")
				.append(escape(mime.getSubject() == null ? "(no subject)" : mime.getSubject()))
				.append("</a></td><td>")
				.append(String.format("%,d", m.raw().length))
				.append(" bytes</td></tr>\n");
		}
		String body = messages.isEmpty()
				? "<p>No message yet. Create a delivery, confirm it, and what its recipients get shows here.</p>"
				: "<table><thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th><th>Size</th></tr>"
						+ "</thead><tbody>\n" + rows + "</tbody></table>";
		return page("Sandbox inbox", "<p>The last messages the sandbox MTA accepted, newest first.</p>" + body);
	}

	@GetMapping(path = "/sandbox/{id}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> message(@PathVariable long id) throws MessagingException, IOException {
		SandboxMessage m = kept(id);
		MimeMessage mime = m.parsed();
		StringBuilder headers = new StringBuilder();
		for (Header header : Collections.list(mime.getAllHeaders())) {
			headers.append("<tr><th>")
				.append(escape(header.getName()))
				.append("</th><td>")
				.append(escape(header.getValue()))
				.append("</td></tr>\n");
		}
		String html = part(mime, "text/html");
		String text = part(mime, "text/plain");
		String to = addresses(mime.getAllRecipients());
		return page(mime.getSubject() == null ? "(no subject)" : mime.getSubject(),
				"<p><a href=\"/sandbox\">Sandbox inbox</a>" + " · <a href=\"/sandbox/" + m.id()
						+ "/raw\">Source</a></p>" + "<p>To " + escape(to) + ", received " + TIME.format(m.receivedAt())
						+ "</p>"
						+ (html == null ? ""
								: "<h2>HTML</h2><iframe sandbox title=\"The message\" style=\"width:100%;height:480px;"
										+ "border:1px solid #ccc\" srcdoc=\"" + escape(html) + "\"></iframe>")
						+ (text == null ? "" : "<h2>Text</h2><pre>" + escape(text) + "</pre>")
						+ "<h2>Headers</h2><table>" + headers + "</table>");
	}

	@GetMapping(path = "/sandbox/{id}/raw", produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> raw(@PathVariable long id) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.ISO_8859_1))
			.body(new String(kept(id).raw(), StandardCharsets.ISO_8859_1));
	}

	private SandboxMessage kept(long id) {
		return sandbox().message(id)
			.orElseThrow(() -> ApiException.notFound("The sandbox inbox keeps no message " + id + "."));
	}

	private SandboxMta sandbox() {
		SandboxMta mta = this.sandbox.getIfAvailable();
		if (mta == null) {
			throw ApiException.notFound("The sandbox MTA is off (delivery.mta.sandbox.enabled=false): messages go to "
					+ "the MTA that spring.mail.* names.");
		}
		return mta;
	}

	/** The first part of the type, decoded, or null. */
	private static String part(Part part, String type) throws MessagingException, IOException {
		if (part.isMimeType(type)) {
			return part.getContent().toString();
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = part(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static String addresses(Address[] addresses) {
		if (addresses == null) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		for (Address address : addresses) {
			text.append(text.isEmpty() ? "" : ", ").append(address);
		}
		return text.toString();
	}

	/**
	 * The pages' own look: their stylesheet, and their header (drawn by app.js for the
	 * logged-in user, the way to the deliveries even before it is).
	 */
	private static ResponseEntity<String> page(String title, String body) {
		String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
				+ " · campaign-delivery</title><link rel=\"stylesheet\" href=\"/ui/app.css\">"
				+ "<script src=\"/ui/app.js\"></script><style>pre{white-space:pre-wrap}</style></head><body>"
				+ "<header class=\"top\"><span class=\"product\">campaign-delivery</span>"
				+ "<a href=\"/deliveries\">Deliveries</a></header><main>"
				+ "<p class=\"muted\"><a id=\"back\" href=\"/deliveries\">Deliveries</a></p><p class=\"error\" id=\"error\"></p>"
				+ "<h1>" + escape(title) + "</h1>" + body + "</main><script>Ui.header().catch(Ui.fail);</script>"
				+ "</body></html>";
		return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
	}

	private static String escape(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
