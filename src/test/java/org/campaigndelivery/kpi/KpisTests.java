package org.campaigndelivery.kpi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KpisTests {

	@Test
	void shouldRateDeliveredAndBouncesAgainstSentAndOpensAgainstDelivered() {
		Kpis kpis = new Kpis(10, 9, 9, 6, 3, 2, 1, 0, 0, null);

		assertThat(kpis.deliveredRate()).isEqualTo(66.67);
		assertThat(kpis.bouncesAndErrorsRate()).isEqualTo(33.33);
		assertThat(kpis.openRate()).isEqualTo(33.33);
		assertThat(kpis.clickRate()).isEqualTo(16.67);
	}

	@Test
	void shouldRateZeroBeforeAnythingIsSent() {
		Kpis kpis = new Kpis(10, 0, 0, 0, 0, 0, 0, 0, 0, null);

		assertThat(kpis.deliveredRate()).isZero();
		assertThat(kpis.openRate()).isZero();
	}

}
