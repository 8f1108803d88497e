package org.campaigndelivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capabilities stay honest: none depends on the workflow, the engine's plumbing or
 * the engine, and no cycles; the plumbing knows nothing of the application.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.campaigndelivery");

	private static final String[] CAPABILITIES = { "..delivery..", "..audience..", "..preparation..", "..sending..",
			"..sendinglog..", "..kpi..", "..quarantine..", "..feedback..", "..retry..", "..recurring..", "..tracking..",
			"..bounce..", "..alert..", "..retention..", "..api.." };

	/** Each table of the application and the one capability whose statements write it. */
	private static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("sending_log", "sendinglog"),
			Map.entry("mta_event", "feedback"), Map.entry("kept_event", "feedback"), Map.entry("delivery_kpi", "kpi"),
			Map.entry("quarantine", "quarantine"), Map.entry("exclusion", "preparation"),
			Map.entry("preparation_finding", "preparation"), Map.entry("audience_member", "audience"),
			Map.entry("audience_rejection", "audience"), Map.entry("audience", "audience"),
			Map.entry("delivery", "delivery"), Map.entry("recurring_delivery", "recurring"),
			Map.entry("tracking_hit", "tracking"), Map.entry("tracking_key", "tracking"),
			Map.entry("api_token", "security"), Map.entry("inbound_report", "bounce"),
			Map.entry("bounce_key", "bounce"), Map.entry("bounce_mailbox_lease", "bounce"), Map.entry("alert", "alert"),
			Map.entry("cleanup_run", "retention"), Map.entry("exclusion_count", "preparation"));

	private static final Path SOURCES = Path.of("src", "main", "java", "org", "campaigndelivery");

	@Test
	void shouldKeepCapabilitiesIndependentOfTheWorkflowAndTheEnginePlumbing() {
		noClasses().that()
			.resideInAnyPackage(CAPABILITIES)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.campaigndelivery.workflow..", "org.campaigndelivery.engine..")
			.check(CLASSES);
	}

	/**
	 * The engine's plumbing serves any model: it names no process, variable or role, so
	 * that a move to Operaton stays a rename of it and of the workflow's imports.
	 */
	@Test
	void shouldKeepTheEnginePlumbingFreeOfTheApplication() {
		noClasses().that()
			.resideInAPackage("org.campaigndelivery.engine..")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.campaigndelivery..")
				.and(JavaClass.Predicates.resideOutsideOfPackage("org.campaigndelivery.engine..")))
			.check(CLASSES);
	}

	@Test
	void shouldKeepTheProcessEngineBehindWorkflowEngineAndSecurity() {
		noClasses().that()
			.resideInAnyPackage(CAPABILITIES)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.camunda..")
			.check(CLASSES);
	}

	/**
	 * Time comes from the one Clock bean (UTC, microseconds), which tests replace: no
	 * class reads the system's clock or the JVM's zone itself.
	 */
	@Test
	void shouldReadTimeFromTheClockOnly() {
		ArchRule rule = noClasses().should()
			.callMethod(OffsetDateTime.class, "now")
			.orShould()
			.callMethod(OffsetDateTime.class, "now", ZoneId.class)
			.orShould()
			.callMethod(Instant.class, "now")
			.orShould()
			.callMethod(LocalDate.class, "now")
			.orShould()
			.callMethod(LocalDate.class, "now", ZoneId.class)
			.orShould()
			.callMethod(LocalDateTime.class, "now")
			.orShould()
			.callMethod(ZonedDateTime.class, "now")
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.orShould()
			.callConstructor(Date.class)
			.because("time comes from the Clock bean, which tests move");
		rule.check(CLASSES);
	}

	@Test
	void shouldHaveNoCyclesBetweenCapabilities() {
		slices().matching("org.campaigndelivery.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void shouldWriteEachTableFromItsOwnerOnly() throws IOException {
		Map<String, Set<String>> writers = new TreeMap<>();
		for (Map.Entry<String, String> source : sources().entrySet()) {
			for (String table : OWNERS.keySet()) {
				Pattern write = Pattern.compile("(?i)(insert into|update|delete from)\\s+" + table + "\\b");
				if (write.matcher(source.getValue()).find()) {
					writers.computeIfAbsent(table, t -> new TreeSet<>()).add(source.getKey());
				}
			}
		}
		OWNERS.forEach(
				(table, owner) -> assertThat(writers.getOrDefault(table, Set.of())).as("capabilities writing %s", table)
					.containsOnly(owner));
	}

	@Test
	void shouldKeepEveryStatementOnTheSendingLogsInTheirCapability() throws IOException {
		Pattern statement = Pattern.compile("(?i)(from|into|update|join)\\s+sending_log\\b");
		assertThat(sources().entrySet()
			.stream()
			.filter(source -> statement.matcher(source.getValue()).find())
			.map(Map.Entry::getKey)
			.distinct()).containsOnly("sendinglog");
	}

	/** Each main source file's text, by the capability (first package) it belongs to. */
	/**
	 * Each package says in its package-info what it owns and calls, and says it true: the
	 * packages it names are those it imports, the tables those it writes.
	 */
	@Test
	void shouldSayInEachPackageInfoWhatThePackageOwnsAndCalls() throws IOException {
		Pattern imported = Pattern.compile("import org\\.campaigndelivery\\.([a-z]+)\\.");
		Pattern calls = Pattern.compile("Calls ([a-z, ]+?)[.;]");
		for (Map.Entry<String, String> source : sources().entrySet()) {
			String capability = source.getKey();
			if (capability.isEmpty()) {
				continue;
			}
			Path info = SOURCES.resolve(capability).resolve("package-info.java");
			assertThat(info).as("package-info of " + capability).exists();
			String text = Files.readString(info).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
			Set<String> uses = new TreeSet<>();
			imported.matcher(source.getValue()).results().map((m) -> m.group(1)).forEach(uses::add);
			uses.remove(capability);
			java.util.regex.Matcher said = calls.matcher(text);
			assertThat(said.find()).as("%s's package-info says what it calls", capability).isTrue();
			Set<String> named = new TreeSet<>();
			for (String name : said.group(1).split(",")) {
				if (!name.isBlank() && !name.contains("nothing")) {
					named.add(name.trim().split(" ")[0]);
				}
			}
			assertThat(named).as("what %s's package-info says it calls", capability).isEqualTo(uses);
			for (Map.Entry<String, String> owner : OWNERS.entrySet()) {
				if (owner.getValue().equals(capability)) {
					assertThat(text).as("%s's package-info names its table %s", capability, owner.getKey())
						.containsPattern("\\b" + owner.getKey() + "\\b");
				}
			}
		}
	}

	private static Map<String, String> sources() throws IOException {
		Map<String, String> texts = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				Path relative = SOURCES.relativize(file);
				String capability = (relative.getNameCount() > 1) ? relative.getName(0).toString() : "";
				texts.merge(capability, Files.readString(file), String::concat);
			}
		}
		return texts;
	}

}
