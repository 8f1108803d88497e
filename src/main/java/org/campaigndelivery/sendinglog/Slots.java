package org.campaigndelivery.sendinglog;

import java.util.ArrayList;
import java.util.List;

/**
 * A sending log's slot is dealt once, when preparation queues the log, in runs of
 * consecutive recipients; lane L of a delivery relayed by N lanes relays the slots L,
 * L+N, L+2N... So lanes never compete for a log, starting a send rewrites nothing, and
 * the number of lanes may change between preparation and sending.
 */
public final class Slots {

	/** How many slots there are, and so how many lanes a delivery may have at most. */
	public static final int COUNT = 64;

	/**
	 * Logs are dealt to the slots in runs of this many consecutive recipients, so that a
	 * batch updates neighbouring rows (a few pages) rather than one row in every 64th.
	 */
	public static final int RUN = 256;

	private Slots() {
	}

	public static List<Integer> ofLane(int lane, int lanes) {
		if (lanes < 1 || lane < 0 || lane >= lanes) {
			throw new IllegalArgumentException("Lane " + lane + " of " + lanes + " does not exist");
		}
		List<Integer> slots = new ArrayList<>();
		for (int slot = lane; slot < COUNT; slot += lanes) {
			slots.add(slot);
		}
		return slots;
	}

}
