package org.campaigndelivery;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The capabilities stay honest: none depends on the workflow, none on the engine, and no
 * cycles.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.campaigndelivery");

	private static final String[] CAPABILITIES = { "..delivery..", "..audience..", "..preparation..", "..sending..",
			"..kpi..", "..quarantine..", "..feedback..", "..retry..", "..api.." };

	@Test
	void shouldKeepCapabilitiesIndependentOfTheWorkflow() {
		noClasses().that()
			.resideInAnyPackage(CAPABILITIES)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..workflow..")
			.check(CLASSES);
	}

	@Test
	void shouldKeepTheProcessEngineBehindWorkflowAndSecurity() {
		noClasses().that()
			.resideInAnyPackage(CAPABILITIES)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.camunda..")
			.check(CLASSES);
	}

	@Test
	void shouldHaveNoCyclesBetweenCapabilities() {
		slices().matching("org.campaigndelivery.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

}
