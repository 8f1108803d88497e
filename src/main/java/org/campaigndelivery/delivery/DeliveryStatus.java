package org.campaigndelivery.delivery;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A delivery's lifecycle, and its one table of which status may be entered from which:
 * the repository's guarded statements and {@link Delivery#cancellable()} read it, so no
 * rule of which status follows which is written twice.
 */
public enum DeliveryStatus {

	PREPARING, AWAITING_APPROVAL, AWAITING_CONFIRMATION, SCHEDULED, SENDING,
	/** Relay done; the validity period runs. */
	SENT, FINISHED, REJECTED, CANCELLED, FAILED,
	/**
	 * An occurrence of a recurring delivery nobody confirmed before the next one was due.
	 */
	SKIPPED;

	private static final Map<DeliveryStatus, Set<DeliveryStatus>> ENTERED_FROM = new EnumMap<>(DeliveryStatus.class);

	static {
		// PREPARING is entered at creation only.
		enteredFrom(AWAITING_APPROVAL, PREPARING);
		enteredFrom(AWAITING_CONFIRMATION, PREPARING, AWAITING_APPROVAL);
		enteredFrom(SCHEDULED, AWAITING_CONFIRMATION);
		// An occurrence confirmed once for all sends from preparation or approval.
		enteredFrom(SENDING, PREPARING, AWAITING_APPROVAL, AWAITING_CONFIRMATION, SCHEDULED);
		enteredFrom(SENT, SENDING);
		enteredFrom(FINISHED, SENT);
		enteredFrom(REJECTED, AWAITING_APPROVAL);
		// Anything not relayed in full yet.
		enteredFrom(CANCELLED, PREPARING, AWAITING_APPROVAL, AWAITING_CONFIRMATION, SCHEDULED, SENDING);
		enteredFrom(FAILED, PREPARING);
		enteredFrom(SKIPPED, AWAITING_CONFIRMATION);
	}

	private static void enteredFrom(DeliveryStatus to, DeliveryStatus first, DeliveryStatus... others) {
		ENTERED_FROM.put(to, Collections.unmodifiableSet(EnumSet.of(first, others)));
	}

	/** The statuses this one may be entered from; none for the first. */
	public Set<DeliveryStatus> enteredFrom() {
		return ENTERED_FROM.getOrDefault(this, Set.of());
	}

}
