package org.campaigndelivery.delivery;

import java.util.Locale;
import java.util.Optional;

import org.campaigndelivery.kpi.Kpis;

import org.springframework.stereotype.Component;

/**
 * Judges a sending delivery's hard-bounce and complaint rates against its limits, once it
 * has sent enough for them to mean something. The rates are compared unrounded: 0.31 % of
 * complaints is over a 0.3 % limit.
 */
@Component
class ReputationGuard {

	private final GuardProperties defaults;

	ReputationGuard(GuardProperties defaults) {
		this.defaults = defaults;
	}

	/** Whether the guard judges sending deliveries at all (delivery.guard.enabled). */
	boolean judges() {
		return this.defaults.enabled();
	}

	/** Which limit the figures are over, with the figures; empty while within them. */
	Optional<String> breach(GuardLimits limits, Kpis kpis) {
		if (!judges()) {
			return Optional.empty();
		}
		int sample = or(limits.minimumSample(), this.defaults.minimumSample());
		if (kpis.sent() < sample) {
			return Optional.empty();
		}
		double maxHard = or(limits.maxHardBounceRate(), this.defaults.maxHardBounceRate());
		if (kpis.hardBounces() * 100.0 > maxHard * kpis.sent()) {
			return Optional.of(String.format(Locale.ROOT,
					"hard bounces %,d of %,d messages sent (%.2f %%) are over the limit of %s %%", kpis.hardBounces(),
					kpis.sent(), kpis.hardBounces() * 100.0 / kpis.sent(), number(maxHard)));
		}
		double maxComplaints = or(limits.maxComplaintRate(), this.defaults.maxComplaintRate());
		if (kpis.delivered() > 0 && kpis.complaints() * 100.0 > maxComplaints * kpis.delivered()) {
			return Optional.of(String.format(Locale.ROOT,
					"complaints %,d of %,d messages delivered (%.2f %%) are over the limit of %s %%", kpis.complaints(),
					kpis.delivered(), kpis.complaints() * 100.0 / kpis.delivered(), number(maxComplaints)));
		}
		return Optional.empty();
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
