package org.campaigndelivery.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * What {@link ProcessTest} does around each test. camunda-bpm-assert keeps the engine it
 * asserts on per thread, and a class on another database runs on another context's
 * engine: bound before every test, it is always the test's own.
 */
class ProcessTestExtension implements BeforeEachCallback, AfterEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) {
		BpmnAwareTests.init(engine(context));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		// the engine keeps its user per thread, and the next test runs in this one
		engine(context).getIdentityService().clearAuthentication();
	}

	private static ProcessEngine engine(ExtensionContext context) {
		return SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
	}

}
