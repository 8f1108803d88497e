package org.campaigndelivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.Api;
import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;
import static org.campaigndelivery.support.DeliveryRequests.email;
import static org.campaigndelivery.support.DeliveryRequests.freshRecipients;

/**
 * What operators and integrators rely on: health open to all with detail for admins,
 * metrics for admins that move with the work, the OpenAPI description and docs/api.md's
 * table covering every /api route, and the delivery's id on every line of its work.
 */
@ApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	DeliveryFlow flow;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void healthIsOpenWithItsComponentsAndDetailOnlyForAdmins() throws IOException {
		JsonNode anonymous = json(get("/actuator/health", null));
		assertThat(anonymous.get("status").asText()).isEqualTo("UP");
		assertThat(anonymous.at("/components/db/status").asText()).isEqualTo("UP");
		assertThat(anonymous.at("/components/mail/status").asText()).as("the MTA connection").isEqualTo("UP");
		assertThat(anonymous.at("/components/db/details").isMissingNode()).isTrue();

		assertThat(json(get("/actuator/health", "starter")).at("/components/db/details").isMissingNode()).isTrue();
		JsonNode admin = json(get("/actuator/health", "demo"));
		assertThat(admin.at("/components/db/details/database").asText()).isNotEmpty();
		assertThat(admin.at("/components/mail/details/location").asText()).contains("localhost");
	}

	@Test
	void metricsAreForAdminsAndMoveWithRelaysEventsAndBounces() {
		assertThat(get("/actuator/prometheus", null).getStatusCode().value()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "starter").getStatusCode().value()).isEqualTo(403);
		assertThat(get("/actuator/metrics", "mta").getStatusCode().value()).isEqualTo(403);
		String before = prometheus();
		List<Map<String, Object>> fresh = freshRecipients(3);
		String id = this.flow.relay(delivery().with("emailFeedbackService", true).with("recipients", fresh));
		this.flow.event(id, email(fresh, 1), "DELIVERED", null);
		this.flow.event(id, email(fresh, 2), "HARD_BOUNCE", "550 5.1.1 User unknown");
		this.flow.event(id, email(fresh, 3), "SOFT_BOUNCE", "452 4.2.2 Mailbox full");
		String after = prometheus();

		assertThat(value(after, "delivery_messages_relayed_total") - value(before, "delivery_messages_relayed_total"))
			.isEqualTo(3);
		assertThat(value(after, "delivery_mta_events_total{type=\"DELIVERED\"}")
				- value(before, "delivery_mta_events_total{type=\"DELIVERED\"}"))
			.isEqualTo(1);
		assertThat(value(after, "delivery_bounces_total{kind=\"hard\",reason=\"USER_UNKNOWN\"}")
				- value(before, "delivery_bounces_total{kind=\"hard\",reason=\"USER_UNKNOWN\"}"))
			.isEqualTo(1);
		assertThat(value(after, "delivery_bounces_total{kind=\"soft\",reason=\"MAILBOX_FULL\"}")
				- value(before, "delivery_bounces_total{kind=\"soft\",reason=\"MAILBOX_FULL\"}"))
			.isEqualTo(1);
		assertThat(value(after, "delivery_lane_batch_seconds_count"))
			.isGreaterThan(value(before, "delivery_lane_batch_seconds_count"));
		assertThat(after).contains("delivery_engine_incidents ").contains("delivery_engine_jobs{state=\"failed\"}");
	}

	@Test
	void everyApiRouteIsInTheOpenApiDescriptionAndInTheApiDocumentation() throws IOException {
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			for (String path : info.getPatternValues()) {
				if (path.startsWith("/api/")) {
					info.getMethodsCondition().getMethods().forEach((m) -> routes.add(m.name() + " " + path));
				}
			}
		}
		assertThat(routes).hasSizeGreaterThan(25);

		JsonNode description = json(get("/v3/api-docs", null));
		Set<String> described = new TreeSet<>();
		description.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.fieldNames()
				.forEachRemaining((method) -> described.add(method.toUpperCase() + " " + path.getKey())));
		assertThat(described).as("/v3/api-docs").containsAll(routes);
		assertThat(description.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
		assertThat(get("/swagger-ui/index.html", null).getStatusCode().value()).isEqualTo(200);

		Set<String> documented = new TreeSet<>();
		Pattern route = Pattern.compile("`(GET|POST|PUT|DELETE)`?(?:/`(GET|POST|PUT|DELETE))? (/api/[^` ?]*)");
		for (String line : Files.readAllLines(Path.of("docs", "api.md"))) {
			if (line.startsWith("| `")) {
				Matcher m = route.matcher(line);
				while (m.find()) {
					documented.add(m.group(1) + " " + normalised(m.group(3)));
					if (m.group(2) != null) {
						documented.add(m.group(2) + " " + normalised(m.group(3)));
					}
				}
			}
		}
		assertThat(documented).as("the API table of docs/api.md")
			.containsExactlyInAnyOrderElementsOf(routes.stream().map(OperationsTests::normalisedRoute).toList());
	}

	@Test
	void everyLineOfADeliverysWorkNamesIt(CapturedOutput output) {
		String id = this.flow.relay(delivery());

		List<String> lines = output.getOut().lines().filter((line) -> line.contains("Delivery " + id + " is")).toList();
		assertThat(lines).as("status lines of the delivery").hasSizeGreaterThanOrEqualTo(3);
		assertThat(lines).allSatisfy((line) -> assertThat(line).contains("[" + id + "]"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("is SENDING"));
	}

	@Test
	void meSaysWhoTheCallerIs() {
		JsonNode me = new Api(this.rest, this.objectMapper, "demo").get("/api/me").json();
		assertThat(me.get("id").asText()).isEqualTo("demo");
		assertThat(me.get("groups").toString()).contains("camunda-admin").contains("delivery-starters");
		assertThat(new Api(this.rest, this.objectMapper, null).get("/api/me").code()).isEqualTo(401);
	}

	private static String normalisedRoute(String route) {
		int space = route.indexOf(' ');
		return route.substring(0, space) + " " + normalised(route.substring(space + 1));
	}

	private static String normalised(String path) {
		return path.replaceAll("\\{[^}]*}", "{}");
	}

	private String prometheus() {
		ResponseEntity<String> response = get("/actuator/prometheus", "demo");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		return response.getBody();
	}

	private static double value(String exposition, String series) {
		for (String line : exposition.lines().toList()) {
			if (line.startsWith(series + " ")) {
				return Double.parseDouble(line.substring(series.length() + 1).trim());
			}
		}
		throw new AssertionError("No series " + series);
	}

	private ResponseEntity<String> get(String path, String user) {
		HttpHeaders headers = new HttpHeaders();
		if (user != null) {
			headers.setBasicAuth(user, user);
		}
		return this.rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private JsonNode json(ResponseEntity<String> response) throws IOException {
		return this.objectMapper.readTree(response.getBody());
	}

}
