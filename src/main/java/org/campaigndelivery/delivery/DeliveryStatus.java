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
	/**
	 * A starter (or the reputation guard) stopped the relay for now; resumed, it goes on
	 * where it stood.
	 */
	PAUSED,
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
		// PAUSED back to SCHEDULED: resumed before its contact date was reached.
		enteredFrom(SCHEDULED, AWAITING_CONFIRMATION, PAUSED);
		// An occurrence confirmed once for all sends from preparation or approval.
		enteredFrom(SENDING, PREPARING, AWAITING_APPROVAL, AWAITING_CONFIRMATION, SCHEDULED, PAUSED);
		enteredFrom(PAUSED, SCHEDULED, SENDING);
		// PAUSED: its lanes had drained when the pause came; nothing was left to hold.
		enteredFrom(SENT, SENDING, PAUSED);
		enteredFrom(FINISHED, SENT);
		enteredFrom(REJECTED, AWAITING_APPROVAL);
		// Anything not relayed in full yet.
		enteredFrom(CANCELLED, PREPARING, AWAITING_APPROVAL, AWAITING_CONFIRMATION, SCHEDULED, SENDING, PAUSED);
		enteredFrom(FAILED, PREPARING);
		enteredFrom(SKIPPED, AWAITING_CONFIRMATION);
	}

	private static void enteredFrom(DeliveryStatus to, DeliveryStatus first, DeliveryStatus... others) {
		ENTERED_FROM.put(to, Collections.unmodifiableSet(EnumSet.of(first, others)));
	}

	/**
	 * The statuses of a delivery whose queued messages may still be relayed: those it may
	 * be cancelled from, which are the statuses of a delivery not relayed in full yet.
	 */
	public static Set<DeliveryStatus> stillToRelay() {
		return CANCELLED.enteredFrom();
	}

	/** The statuses a delivery ends in: no other is entered from them. */
	public static Set<DeliveryStatus> ended() {
		Set<DeliveryStatus> ended = EnumSet.allOf(DeliveryStatus.class);
		ENTERED_FROM.values().forEach(ended::removeAll);
		return Collections.unmodifiableSet(ended);
	}

	/** The statuses this one may be entered from; none for the first. */
	public Set<DeliveryStatus> enteredFrom() {
		return ENTERED_FROM.getOrDefault(this, Set.of());
	}

}
