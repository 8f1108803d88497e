package org.campaigndelivery.workflow;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The constants name what the models and forms hold, and nothing else: an element id,
 * process id, message or form that is renamed or removed fails here instead of in a
 * running process.
 */
class DeliveryProcessIdsTests {

	@Test
	void everyIdNamesAnElementProcessMessageOrFormOfTheModels() throws Exception {
		StringBuilder models = new StringBuilder();
		try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".bpmn")).toList()) {
				models.append(Files.readString(file));
			}
		}
		List<String> missing = new ArrayList<>();
		for (Field field : DeliveryProcessIds.class.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
				continue;
			}
			field.setAccessible(true);
			String name = field.getName();
			String value = (String) field.get(null);
			boolean found;
			if (name.startsWith("MESSAGE_")) {
				found = models.indexOf("name=\"" + value + "\"") >= 0;
			}
			else if (name.startsWith("FORM_")) {
				found = form(value, models);
			}
			else if (name.startsWith("VAR_") || name.startsWith("CONFIRMATION_")) {
				continue;
			}
			else {
				found = models.indexOf("id=\"" + value + "\"") >= 0;
			}
			if (!found) {
				missing.add(name + " = " + value);
			}
		}
		assertThat(missing).as("constants naming nothing in bpmn/ or forms/").isEmpty();
	}

	/** A form the models reference by its id, in forms/ under that name. */
	private static boolean form(String id, CharSequence models) throws IOException {
		Path file = Path.of("forms", id + ".form");
		return Files.exists(file) && Files.readString(file).contains("\"" + id + "\"")
				&& models.toString().contains("camunda:formRef=\"" + id + "\"");
	}

}
