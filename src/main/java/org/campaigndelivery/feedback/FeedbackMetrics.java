package org.campaigndelivery.feedback;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.campaigndelivery.quarantine.AddressEvent;
import org.campaigndelivery.sendinglog.FailureReason;

import org.springframework.stereotype.Component;

/**
 * What the MTA reported, counted once its record committed: events received by type, and
 * bounces by kind and failure reason (a refusal during the relay included).
 */
@Component
class FeedbackMetrics {

	private final MeterRegistry registry;

	private final Map<MtaEvent.Type, Counter> events = new EnumMap<>(MtaEvent.Type.class);

	private final Counter unknown;

	private final Counter duplicates;

	FeedbackMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (MtaEvent.Type type : MtaEvent.Type.values()) {
			this.events.put(type,
					Counter.builder("delivery.mta.events")
						.description("MTA events received")
						.tag("type", type.name())
						.register(registry));
		}
		this.unknown = Counter.builder("delivery.mta.events.unknown")
			.description("MTA events about a Message-ID no sending log has")
			.register(registry);
		this.duplicates = Counter.builder("delivery.mta.events.duplicates")
			.description("MTA events received before")
			.register(registry);
		for (FailureReason reason : FailureReason.values()) {
			bounceCounter(AddressEvent.Kind.HARD_BOUNCE, reason.name());
			bounceCounter(AddressEvent.Kind.SOFT_BOUNCE, reason.name());
		}
	}

	void received(List<MtaEvent> received, FeedbackService.Receipt receipt) {
		for (MtaEvent event : received) {
			this.events.get(event.type()).increment();
		}
		this.unknown.increment(receipt.unknown());
		this.duplicates.increment(receipt.duplicates());
	}

	void bounced(List<AddressEvent> addressEvents) {
		for (AddressEvent event : addressEvents) {
			if (event.kind() == AddressEvent.Kind.HARD_BOUNCE || event.kind() == AddressEvent.Kind.SOFT_BOUNCE) {
				bounceCounter(event.kind(), event.reason()).increment();
			}
		}
	}

	private Counter bounceCounter(AddressEvent.Kind kind, String reason) {
		return Counter.builder("delivery.bounces")
			.description("Bounces by kind and failure reason")
			.tag("kind", (kind == AddressEvent.Kind.HARD_BOUNCE) ? "hard" : "soft")
			.tag("reason", (reason == null) ? "NOT_DEFINED" : reason)
			.register(this.registry);
	}

}
