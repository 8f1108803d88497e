package org.campaigndelivery;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md against the application's properties, both ways: every documented
 * delivery.* property is bound by a properties record and has the default the page states
 * (bound as the application binds it, application.yaml included), every property the
 * records bind is documented, and the other documented properties have the values
 * application.yaml resolves to.
 */
class ConfigurationDocumentationTests {

	private static final Path CONFIGURATION = Path.of("docs", "configuration.md");

	/** A row: `name` | default | meaning. */
	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.*?) \\| .*\\|$");

	private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

	private static final StandardEnvironment ENVIRONMENT = new StandardEnvironment();

	@BeforeAll
	static void readApplicationYaml() throws IOException {
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
				new ClassPathResource("application.yaml"))) {
			ENVIRONMENT.getPropertySources().addLast(source);
		}
	}

	@Test
	void shouldDocumentEveryDeliveryPropertyWithTheDefaultItBindsTo() throws Exception {
		Map<String, String> documented = documented();
		Map<String, Object> bound = boundDefaults();
		List<String> differences = new ArrayList<>();
		bound.forEach((name, value) -> {
			if (!documented.containsKey(name)) {
				differences.add(name + ": bound (default " + value + "), not in " + CONFIGURATION);
			}
			else if (!sameValue(documented.get(name), value)) {
				differences.add(name + ": documented default " + documented.get(name) + ", bound default " + value);
			}
		});
		documented.keySet()
			.stream()
			.filter((name) -> name.startsWith("delivery.") && !bound.containsKey(name))
			.forEach((name) -> differences.add(name + ": documented, bound by no properties record"));
		assertThat(differences).isEmpty();
	}

	@Test
	void shouldStateTheValuesApplicationYamlGivesTheOtherDocumentedProperties() throws IOException {
		List<String> differences = new ArrayList<>();
		documented().forEach((name, documentedDefault) -> {
			// a family of properties (spring.mail.properties.*) is described, not one
			// value
			if (name.startsWith("delivery.") || name.endsWith("*")) {
				return;
			}
			String value = ENVIRONMENT.getProperty(name);
			if (isNone(documentedDefault) ? value != null && !value.isEmpty() : !documentedDefault.equals(value)) {
				differences.add(name + ": documented " + documentedDefault + ", application.yaml gives " + value);
			}
		});
		assertThat(differences).isEmpty();
	}

	/**
	 * Every row of the page's tables as property name to its default: the cell without
	 * backticks, without an explanation in parentheses after it; map keys written as
	 * `refuse[<address pattern>]` stand for the map.
	 */
	private static Map<String, String> documented() throws IOException {
		Map<String, String> rows = new LinkedHashMap<>();
		for (String line : Files.readAllLines(CONFIGURATION)) {
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				String name = row.group(1).replaceAll("\\[.*\\]$", "");
				String value = row.group(2).replaceAll(" \\(.*\\)$", "").replace("`", "").trim();
				assertThat(rows.put(name, value)).as(name + " documented once").isNull();
			}
		}
		assertThat(rows).as("rows of " + CONFIGURATION).hasSizeGreaterThan(40);
		return rows;
	}

	/**
	 * Each properties record of the application bound from application.yaml alone, as the
	 * application binds it: full property name to the value its component gets.
	 */
	private static Map<String, Object> boundDefaults() throws Exception {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Binder binder = Binder.get(ENVIRONMENT);
		Map<String, Object> values = new TreeMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("org.campaigndelivery")) {
			Class<?> type = Class.forName(candidate.getBeanClassName());
			String prefix = type.getAnnotation(ConfigurationProperties.class).value();
			assertThat(type.isRecord()).as(type + " is a record").isTrue();
			collect(prefix, binder.bindOrCreate(prefix, type), values);
		}
		assertThat(values).as("properties the records bind").hasSizeGreaterThan(40);
		return values;
	}

	private static void collect(String prefix, Object record, Map<String, Object> values) throws Exception {
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
			component.getAccessor().setAccessible(true);
			Object value = component.getAccessor().invoke(record);
			if (component.getType().isRecord()) {
				collect(name, value, values);
			}
			else {
				values.put(name, value);
			}
		}
	}

	private static boolean sameValue(String documented, Object bound) {
		if (isNone(documented)) {
			return bound == null || (bound instanceof String text && text.isEmpty())
					|| (bound instanceof Collection<?> collection && collection.isEmpty())
					|| (bound instanceof Map<?, ?> map && map.isEmpty());
		}
		return bound != null && Objects.equals(CONVERSION.convert(documented, bound.getClass()), bound);
	}

	private static boolean isNone(String documented) {
		return documented.equals("none");
	}

}
