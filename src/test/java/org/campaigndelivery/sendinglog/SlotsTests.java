package org.campaigndelivery.sendinglog;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SlotsTests {

	@Test
	void shouldGiveEverySlotToExactlyOneLaneWhateverTheNumberOfLanes() {
		for (int lanes = 1; lanes <= Slots.COUNT; lanes++) {
			List<Integer> dealt = new ArrayList<>();
			int fewest = Integer.MAX_VALUE;
			int most = 0;
			for (int lane = 0; lane < lanes; lane++) {
				List<Integer> slots = Slots.ofLane(lane, lanes);
				dealt.addAll(slots);
				fewest = Math.min(fewest, slots.size());
				most = Math.max(most, slots.size());
			}
			assertThat(dealt).as("%d lanes", lanes).hasSize(Slots.COUNT).doesNotHaveDuplicates();
			assertThat(dealt).allMatch(slot -> slot >= 0 && slot < Slots.COUNT);
			assertThat(most - fewest).as("%d lanes share the slots evenly", lanes).isLessThanOrEqualTo(1);
		}
	}

	@Test
	void shouldRefuseALaneThatDoesNotExist() {
		assertThatIllegalArgumentException().isThrownBy(() -> Slots.ofLane(4, 4));
		assertThatIllegalArgumentException().isThrownBy(() -> Slots.ofLane(-1, 4));
		assertThatIllegalArgumentException().isThrownBy(() -> Slots.ofLane(0, 0));
	}

}
