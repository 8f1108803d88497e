package org.campaigndelivery.delivery;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.kpi.Kpis;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard's judgement of a delivery's figures against its limits. */
class ReputationGuardTests {

	private final ReputationGuard guard = new ReputationGuard(new GuardProperties(true, 500, 10, 0.3));

	@Test
	void shouldJudgeNothingBeforeTheMinimumSample() {
		assertThat(this.guard.breach(GuardLimits.NONE, kpis(499, 499, 400, 0))).isEmpty();
	}

	@Test
	void shouldNameTheHardBounceRateOverItsLimitWithTheFigures() {
		assertThat(this.guard.breach(GuardLimits.NONE, kpis(500, 0, 51, 0)))
			.hasValue("hard bounces 51 of 500 messages sent (10.20 %) are over the limit of 10 %");
		assertThat(this.guard.breach(GuardLimits.NONE, kpis(500, 0, 50, 0))).as("at the limit").isEmpty();
	}

	@Test
	void shouldCompareTheComplaintRateUnroundedWithTheDelivered() {
		assertThat(this.guard.breach(GuardLimits.NONE, kpis(10_000, 10_000, 0, 31)))
			.hasValue("complaints 31 of 10,000 messages delivered (0.31 %) are over the limit of 0.3 %");
		assertThat(this.guard.breach(GuardLimits.NONE, kpis(10_000, 10_000, 0, 30))).isEmpty();
		assertThat(this.guard.breach(GuardLimits.NONE, kpis(10_000, 0, 0, 31))).as("none delivered yet").isEmpty();
	}

	@Test
	void shouldTakeADeliverysOwnLimitsOverTheDefaults() {
		GuardLimits own = new GuardLimits(100, 50.0, null);
		assertThat(this.guard.breach(own, kpis(100, 0, 40, 0))).isEmpty();
		assertThat(this.guard.breach(own, kpis(100, 0, 51, 0))).isPresent();
		assertThat(this.guard.breach(new GuardLimits(null, null, 5.0), kpis(1000, 1000, 0, 40))).isEmpty();
	}

	@Test
	void shouldJudgeNothingWhenTheGuardIsOff() {
		ReputationGuard off = new ReputationGuard(new GuardProperties(false, 500, 10, 0.3));
		assertThat(off.breach(GuardLimits.NONE, kpis(1000, 0, 1000, 0))).isEmpty();
	}

	private static Kpis kpis(int sent, int delivered, int hardBounces, int complaints) {
		return new Kpis(sent, sent, sent, delivered, hardBounces, 0, 0, hardBounces, complaints, null);
	}

}
