package org.campaigndelivery.tracking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;
import org.campaigndelivery.support.MessageParts;
import org.campaigndelivery.support.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Tracking end to end: the delivery is relayed to GreenMail, and the test follows the
 * pixel and the links of the messages that reached it, as mail clients, proxies and
 * scanners do, over real HTTP without following redirects.
 */
@ApplicationTest
class TrackingTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	/** A person's mail client. */
	private static final String THUNDERBIRD = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0";

	private static final String GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

	/** The test profile's automated-hit window, and a margin. */
	private static final Duration MACHINE_WINDOW = Duration.ofMillis(2_200);

	private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

	private static final Pattern PIXEL = Pattern.compile("<img src=\"([^\"]+/t/o/[^\"]+)\"");

	@Autowired
	DeliveryFlow flow;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ManagementService managementService;

	@LocalServerPort
	int port;

	HttpClient http;

	@Autowired
	TestClock clock;

	@BeforeEach
	void setUp() {
		this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/**
	 * Back to real time: MTA events and reports that other tests post carry the real
	 * time, which must not seem older than the relays they are about.
	 */
	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void shouldCountUniqueOpensAndClicksOfTheMessagesThatReachedTheMta() throws Exception {
		String id = this.flow.relay(delivery());
		Message first = message("r1@example.com");
		Message second = message("r2@example.com");
		assertThat(first.links()).as("the sale link is tracked, the unsubscribe link is not")
			.hasSize(2)
			.anySatisfy((l) -> assertThat(l).contains("/t/c/"))
			.contains("https://shop.example.com/unsubscribe");
		this.clock.advance(MACHINE_WINDOW);

		HttpResponse<byte[]> pixel = get(first.pixel(), THUNDERBIRD);
		get(first.pixel(), THUNDERBIRD);
		HttpResponse<byte[]> click = get(first.trackedLink(), THUNDERBIRD);
		get(second.trackedLink(), GMAIL_PROXY);

		assertThat(pixel.statusCode()).isEqualTo(200);
		assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
		assertThat(pixel.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
		assertThat(pixel.body()).startsWith("GIF89a".getBytes(StandardCharsets.US_ASCII));
		assertThat(click.statusCode()).isEqualTo(302);
		assertThat(click.headers().firstValue("Location")).hasValue("https://shop.example.com/sale?c=");
		JsonNode kpis = this.flow.as("preparer").post("/api/deliveries/" + id + "/compute-stats", null).json();
		assertThat(kpis.get("opens").asInt()).as("two opens of one message count once; a click is an open")
			.isEqualTo(2);
		assertThat(kpis.get("clicks").asInt()).isEqualTo(2);
		assertThat(kpis.get("openRate").asDouble()).isEqualTo(66.67);
		assertThat(kpis.get("clickRate").asDouble()).isEqualTo(66.67);
		assertThat(hits(id)).as("every hit is kept").isEqualTo(4);

		Api.Response answer = this.flow.as("approver").get("/api/recipients/r1@EXAMPLE.com/history");
		assertThat(answer.code()).as(answer.text()).isEqualTo(200);
		JsonNode history = answer.json();
		assertThat(history.get(0).get("deliveryId").asText()).isEqualTo(id);
		assertThat(history.get(0).get("deliveryLabel").asText()).isEqualTo("Winter sale");
		assertThat(history.get(0).get("status").asText()).isEqualTo("SENT");
		assertThat(history.get(0).get("opens").asInt()).isEqualTo(2);
		assertThat(history.get(0).get("clicks").asInt()).isEqualTo(1);
		assertThat(this.flow.as("mta").get("/api/recipients/r1@example.com/history").code()).isEqualTo(403);
		assertThat(this.flow.as("preparer").get("/api/recipients/not-an-address/history").code()).isEqualTo(400);
	}

	@Test
	void shouldRecordButNotCountTheHitsOfPrivacyProxiesAndScanners() throws Exception {
		String id = this.flow.relay(delivery().with("recipients", DeliveryRequests.recipients(3)));
		Message first = message("r1@example.com");
		Message second = message("r2@example.com");
		Message third = message("r3@example.com");

		get(first.pixel(), THUNDERBIRD);
		get(first.trackedLink(), THUNDERBIRD);
		this.clock.advance(MACHINE_WINDOW);
		get(second.pixel(), "Mozilla/5.0");
		get(second.trackedLink(), "Mozilla/5.0 (compatible; Barracuda Sentinel (EE))");
		get(third.trackedLink(), "curl/8.5.0");
		get(third.pixel(), null);
		JsonNode kpis = this.flow.as("preparer").post("/api/deliveries/" + id + "/compute-stats", null).json();

		assertThat(this.jdbc.sql("select flag from tracking_hit where delivery_id = :id order by id")
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("PRIVACY_PROXY", "SECURITY_SCANNER", "PRIVACY_PROXY", "SECURITY_SCANNER",
					"SECURITY_SCANNER", "SECURITY_SCANNER");
		assertThat(kpis.get("opens").asInt()).isZero();
		assertThat(kpis.get("clicks").asInt()).isZero();

		get(third.pixel(), GMAIL_PROXY);
		kpis = this.flow.as("preparer").post("/api/deliveries/" + id + "/compute-stats", null).json();
		assertThat(kpis.get("opens").asInt()).as("Gmail fetches images when the person opens").isEqualTo(1);
	}

	@Test
	void shouldAnswerForgedAlteredAndTruncatedTokensWithA404PageAndNoRedirect() throws Exception {
		this.flow.relay(delivery());
		String link = message("r1@example.com").trackedLink();
		String token = link.substring(link.lastIndexOf('/') + 1);
		String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
				StandardCharsets.UTF_8);
		String foreign = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(payload.replace("https://shop.example.com/sale", "https://evil.example.net/phish")
				.getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
		char last = token.charAt(token.length() - 1);
		List<String> forged = List.of(foreign, token.substring(0, token.length() - 3),
				token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'), "abc.def", "x".repeat(5000),
				token.substring(0, token.indexOf('.')));

		for (String bad : forged) {
			for (String kind : List.of("c", "o", "u")) {
				HttpResponse<byte[]> answer = get("/t/" + kind + "/" + bad, THUNDERBIRD);
				assertThat(answer.statusCode()).as(kind + " " + bad).isEqualTo(404);
				assertThat(answer.headers().firstValue("Location")).isEmpty();
				assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("This link is not valid");
			}
		}
		assertThat(get(link.replace("/t/c/", "/t/o/"), THUNDERBIRD).statusCode()).as("a click token is no open token")
			.isEqualTo(404);
	}

	@Test
	void shouldUnsubscribeWithOneClickAndExcludeTheAddressFromTheNextDelivery() throws Exception {
		this.flow.relay(delivery().with("recipients", List.of(Map.of("email", "leaving@example.com"))));
		MimeMessage mail = smtp.getReceivedMessages()[0];
		String header = mail.getHeader("List-Unsubscribe", ",");
		assertThat(mail.getHeader("List-Unsubscribe-Post", ",")).isEqualTo("List-Unsubscribe=One-Click");
		Matcher url = Pattern.compile("<(http[^>]+/t/u/[^>]+)>").matcher(header);
		assertThat(url.find()).as(header).isTrue();
		String unsubscribe = path(url.group(1));

		HttpResponse<byte[]> page = get(unsubscribe, THUNDERBIRD);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<form method=\"post\"");
		assertThat(status("leaving@example.com")).as("a GET, as scanners send, unsubscribes nobody").isNull();
		assertThat(post(unsubscribe, "nothing=here").statusCode()).isEqualTo(400);
		assertThat(status("leaving@example.com")).isNull();

		HttpResponse<byte[]> done = post(unsubscribe, "List-Unsubscribe=One-Click");
		post(unsubscribe, "List-Unsubscribe=One-Click");

		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(status("leaving@example.com")).isEqualTo("DENYLIST");
		Api.Response next = this.flow.as("preparer")
			.post("/api/deliveries",
					delivery().with("approvalMode", "AUTOMATIC")
						.with("recipients",
								List.of(Map.of("email", "leaving@example.com"), Map.of("email", "staying@example.com")))
						.body());
		String nextId = next.json().get("id").asText();
		this.flow.runJobs(nextId);
		JsonNode exclusions = this.flow.as("preparer").get("/api/deliveries/" + nextId + "/exclusions").json();
		assertThat(exclusions.findValuesAsText("recipient")).containsExactly("leaving@example.com");
		assertThat(exclusions.findValuesAsText("reason")).containsExactly("DENYLISTED");
	}

	@Test
	void shouldLeaveTheHtmlUntouchedWhenTrackingIsOff() throws Exception {
		this.flow.relay(delivery().with("tracking", false)
			.with("recipients", List
				.of(Map.of("email", "plain@example.com", "firstName", "Pia", "lastName", "Plain", "city", "Lyon"))));

		MimeMessage mail = smtp.getReceivedMessages()[0];

		assertThat(MessageParts.html(mail).replace("\r\n", "\n"))
			.isEqualTo(DeliveryRequests.HTML_WITH_UNSUBSCRIBE.replace("{{firstName}}", "Pia")
				.replace("{{lastName}}", "Plain")
				.replace("{{city}}", "Lyon"));
		assertThat(mail.getHeader("List-Unsubscribe", ",")).as("unsubscribing is not tracking").contains("/t/u/");
	}

	@Test
	void shouldRefreshOpenAndClickRatesWhenTheHourlyTimerFires() throws Exception {
		String id = this.flow.relay(delivery());
		this.clock.advance(MACHINE_WINDOW);
		get(message("r1@example.com").pixel(), THUNDERBIRD);
		get(message("r3@example.com").trackedLink(), THUNDERBIRD);
		assertThat(kpis(id).get("opens").asInt()).as("moved by the refresh, not by every hit").isZero();

		Job timer = this.managementService.createJobQuery().processDefinitionKey("kpiRefresh").timers().singleResult();
		assertThat(timer.getDuedate()).isInTheFuture();
		this.managementService.executeJob(timer.getId());

		JsonNode kpis = kpis(id);
		assertThat(kpis.get("opens").asInt()).isEqualTo(2);
		assertThat(kpis.get("clicks").asInt()).isEqualTo(1);
		assertThat(this.managementService.createJobQuery().processDefinitionKey("kpiRefresh").timers().count())
			.as("the next tick waits")
			.isEqualTo(1);
	}

	private JsonNode kpis(String deliveryId) {
		return this.flow.as("preparer").get("/api/deliveries/" + deliveryId).json().get("kpis");
	}

	private String status(String address) {
		return this.jdbc.sql("select status from quarantine where address = :address")
			.param("address", address)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private int hits(String deliveryId) {
		return this.jdbc.sql("select count(*) from tracking_hit where delivery_id = :id")
			.param("id", deliveryId)
			.query(Integer.class)
			.single();
	}

	/** The message GreenMail received for the recipient, with its pixel and links. */
	private Message message(String recipient) throws Exception {
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			if (mail.getAllRecipients()[0].toString().equals(recipient)) {
				String html = MessageParts.html(mail);
				List<String> links = new ArrayList<>();
				Matcher href = HREF.matcher(html);
				while (href.find()) {
					links.add(href.group(1));
				}
				Matcher pixel = PIXEL.matcher(html);
				assertThat(pixel.find()).as("open pixel in " + html).isTrue();
				return new Message(pixel.group(1), links);
			}
		}
		throw new AssertionError("No message reached the MTA for " + recipient);
	}

	private HttpResponse<byte[]> get(String url, String userAgent) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path(url)));
		if (userAgent != null) {
			request.header("User-Agent", userAgent);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> post(String url, String form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path(url)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** The path of a tracking URL: the test application listens on a port of its own. */
	private static String path(String url) {
		return url.startsWith("/") ? url : URI.create(url).getRawPath();
	}

	private record Message(String pixel, List<String> links) {

		String trackedLink() {
			return this.links.stream().filter((l) -> l.contains("/t/c/")).findFirst().orElseThrow();
		}

	}

}
