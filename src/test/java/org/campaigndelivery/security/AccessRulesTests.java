package org.campaigndelivery.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access table is the one place where a route's roles are written: the API
 * documentation's "who" column says the same, row for row, and no route the application
 * serves is missing from it.
 */
@ApplicationTest
class AccessRulesTests {

	/** Where the API documentation's table of calls is. */
	private static final Path API_DOCS = Path.of("docs", "api.md");

	private static final Set<String> READERS = Set.of(Roles.PREPARERS, Roles.APPROVERS, Roles.STARTERS, Roles.ADMINS);

	private static final Map<String, String> ROLE_NAMES = Map.of("preparers", Roles.PREPARERS, "approvers",
			Roles.APPROVERS, "starters", Roles.STARTERS, "mta", Roles.MTA, "admins", Roles.ADMINS, "camunda-admin",
			Roles.ADMINS);

	private static final Pattern CALL = Pattern.compile("([A-Z]+) (/[^\\s?`]*)");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void shouldSayInTheApiDocumentationWhoMayCallEachRouteAsTheAccessTableDoes() throws IOException {
		Map<String, String> documented = documentedCalls();
		Map<String, String> enforced = new LinkedHashMap<>();
		for (AccessRules.Rule rule : AccessRules.RULES) {
			enforced.put(rule.method() + " " + rule.pattern(), who(rule));
		}
		List<String> differences = new ArrayList<>();
		enforced.forEach((call, who) -> {
			if (!documented.containsKey(call)) {
				differences.add(call + ": enforced for " + who + ", not documented");
			}
			else if (!documented.get(call).equals(who)) {
				differences.add(call + ": enforced for " + who + ", documented for " + documented.get(call));
			}
		});
		documented.keySet()
			.stream()
			.filter((call) -> !enforced.containsKey(call))
			.forEach((call) -> differences.add(call + ": documented, in no rule of the access table"));
		assertThat(differences).isEmpty();
	}

	@Test
	void shouldHaveARuleForEveryRouteOfTheProductsDoors() {
		PathPatternParser parser = PathPatternParser.defaultInstance;
		List<String> missing = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				boolean covered = List.of(AccessRules.PATHS)
					.stream()
					.anyMatch((path) -> parser.parse(path).matches(PathContainer.parsePath(pattern)));
				if (!covered) {
					continue;
				}
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					boolean ruled = AccessRules.RULES.stream()
						.anyMatch((rule) -> rule.pattern().equals(pattern)
								&& (rule.method() == null || rule.method().name().equals(method.name())));
					if (!ruled) {
						missing.add(method + " " + pattern);
					}
				}
				if (info.getMethodsCondition().getMethods().isEmpty()) {
					missing.add("(any method) " + pattern);
				}
			}
		}
		assertThat(missing).as("routes the access table does not name").isEmpty();
	}

	@Test
	void shouldAnswerAUrlTheFirewallRefusesWithAProblemDetail() throws Exception {
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/deliveries;x=1"))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("starter:starter".getBytes()))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("\"status\":400").contains("URL or headers hold characters");
	}

	private static String who(AccessRules.Rule rule) {
		return switch (rule.access()) {
			case ANYONE -> "anyone";
			case ANY_USER -> "any user";
			case MEMBERS -> new TreeSet<>(rule.groups()).toString();
		};
	}

	/**
	 * The table's rows as call to who: "every role but mta", "idem" (the row above), "any
	 * user", "anyone" or "no user" (a signature or token is the authority), or role
	 * names.
	 */
	private static Map<String, String> documentedCalls() throws IOException {
		Map<String, String> calls = new LinkedHashMap<>();
		boolean inTable = false;
		String previous = null;
		for (String line : Files.readAllLines(API_DOCS)) {
			if (line.startsWith("| call | who |")) {
				inTable = true;
				continue;
			}
			if (!inTable || line.startsWith("|---")) {
				continue;
			}
			if (!line.startsWith("|")) {
				break;
			}
			String[] cells = line.split("(?<!\\\\)\\|");
			String whoCell = cells[2].trim();
			String who = whoCell.equals("idem") ? previous : documentedWho(whoCell);
			previous = who;
			List<String> pendingMethods = new ArrayList<>();
			Matcher code = Pattern.compile("`([^`]*)`").matcher(cells[1]);
			while (code.find()) {
				String text = code.group(1);
				if (text.matches("[A-Z]+")) {
					pendingMethods.add(text);
					continue;
				}
				Matcher call = CALL.matcher(text);
				if (call.lookingAt()) {
					pendingMethods.add(call.group(1));
					for (String method : pendingMethods) {
						calls.put(method + " " + call.group(2), who);
					}
				}
				pendingMethods.clear();
			}
		}
		assertThat(calls).as("rows of the table of calls in " + API_DOCS).isNotEmpty();
		return calls;
	}

	private static String documentedWho(String cell) {
		String who = cell.toLowerCase();
		if (who.startsWith("every role but mta")) {
			return new TreeSet<>(READERS).toString();
		}
		if (who.startsWith("any user")) {
			return "any user";
		}
		if (who.startsWith("anyone") || who.contains("no user")) {
			return "anyone";
		}
		Set<String> groups = new TreeSet<>();
		for (String name : who.replaceAll("\\(.*\\)", "").split(",")) {
			String group = ROLE_NAMES.get(name.trim());
			assertThat(group).as("role '" + name.trim() + "' in the who column: " + cell).isNotNull();
			groups.add(group);
		}
		return groups.toString();
	}

}
