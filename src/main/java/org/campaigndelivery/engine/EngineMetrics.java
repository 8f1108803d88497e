package org.campaigndelivery.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;

import org.springframework.stereotype.Component;

/**
 * The engine's work as gauges, read when scraped: jobs due, jobs out of retries and open
 * incidents (what Cockpit shows in red).
 */
@Component
class EngineMetrics implements MeterBinder {

	private final ManagementService managementService;

	private final RuntimeService runtimeService;

	EngineMetrics(ManagementService managementService, RuntimeService runtimeService) {
		this.managementService = managementService;
		this.runtimeService = runtimeService;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("delivery.engine.jobs", () -> this.managementService.createJobQuery().executable().count())
			.description("Jobs of the engine: due (with retries left) or failed (out of retries)")
			.tag("state", "due")
			.register(registry);
		Gauge.builder("delivery.engine.jobs", () -> this.managementService.createJobQuery().noRetriesLeft().count())
			.description("Jobs of the engine: due (with retries left) or failed (out of retries)")
			.tag("state", "failed")
			.register(registry);
		Gauge.builder("delivery.engine.incidents", () -> this.runtimeService.createIncidentQuery().count())
			.description("Open incidents")
			.register(registry);
	}

}
