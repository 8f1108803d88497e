package org.campaigndelivery.recurring;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * When a recurring delivery's occurrences are due, read from its cron expression or
 * ISO-8601 repeating interval, without the engine.
 */
class ScheduleTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** When the recurring delivery was set up, a fraction of a second past 10:00. */
	private static final Instant SET_UP = Instant.parse("2030-01-01T10:00:00.750Z");

	@Test
	void aCronExpressionIsEvaluatedInTheDeliverysTimeZoneAcrossDaylightSavingTime() {
		Schedule mondays = Schedule.parse("0 0 9 * * MON", PARIS, SET_UP);

		assertThat(mondays).isInstanceOf(Schedule.Cron.class);
		assertThat(mondays.next(Instant.parse("2030-01-06T12:00:00Z"))).as("09:00 in Paris in winter")
			.contains(Instant.parse("2030-01-07T08:00:00Z"));
		assertThat(mondays.next(Instant.parse("2030-06-30T12:00:00Z"))).as("09:00 in Paris in summer")
			.contains(Instant.parse("2030-07-01T07:00:00Z"));
	}

	@Test
	void aCronExpressionsNextOccurrenceIsStrictlyAfterAndItsWindowEndsAtTheOneAfter() {
		Schedule mondays = Schedule.parse("0 0 9 * * MON", ZoneOffset.UTC, SET_UP);
		Instant due = Instant.parse("2030-01-07T09:00:00Z");

		assertThat(mondays.next(due)).contains(Instant.parse("2030-01-14T09:00:00Z"));
		assertThat(mondays.following(due)).isEqualTo(Instant.parse("2030-01-14T09:00:00Z"));
	}

	@Test
	void aCronExpressionThatNeverMatchesHasNoOccurrenceAndAWindowThatEndsWhenItIsDue() {
		Schedule february30 = Schedule.parse("0 0 9 30 2 *", ZoneOffset.UTC, SET_UP);
		Instant due = Instant.parse("2030-02-01T09:00:00Z");

		assertThat(february30.next(SET_UP)).isEmpty();
		assertThat(february30.following(due)).isEqualTo(due);
	}

	@Test
	void spacesAroundTheScheduleDoNotCount() {
		assertThat(Schedule.parse("  0 0 9 * * MON\t", ZoneOffset.UTC, SET_UP).next(SET_UP))
			.contains(Instant.parse("2030-01-07T09:00:00Z"));
		assertThat(Schedule.parse(" R/2030-01-06T09:00:00Z/P7D ", ZoneOffset.UTC, SET_UP).next(SET_UP))
			.contains(Instant.parse("2030-01-06T09:00:00Z"));
	}

	@Test
	void anIntervalWithAStartIsFirstDueAtItsStartThenEveryStep() {
		Schedule weekly = Schedule.parse("R/2030-01-06T09:00:00Z/P7D", PARIS, SET_UP);

		assertThat(weekly).isInstanceOf(Schedule.Interval.class);
		assertThat(weekly.next(SET_UP)).contains(Instant.parse("2030-01-06T09:00:00Z"));
		assertThat(weekly.next(Instant.parse("2030-01-06T09:00:00Z"))).contains(Instant.parse("2030-01-13T09:00:00Z"));
		assertThat(weekly.next(Instant.parse("2030-01-10T00:00:00Z"))).contains(Instant.parse("2030-01-13T09:00:00Z"));
		assertThat(weekly.next(Instant.parse("2040-01-01T00:00:00Z"))).as("no end").isPresent();
	}

	@Test
	void anIntervalsStartMayNameAnyOffset() {
		Schedule weekly = Schedule.parse("R/2030-01-06T10:00:00+01:00/P7D", ZoneOffset.UTC, SET_UP);

		assertThat(weekly.next(SET_UP)).contains(Instant.parse("2030-01-06T09:00:00Z"));
	}

	@Test
	void aBoundedIntervalEndsAfterItsLastRepetitionWhoseWindowEndsWhereTheNextWouldBe() {
		Schedule threeDays = Schedule.parse("R3/2030-01-06T09:00:00Z/P1D", ZoneOffset.UTC, SET_UP);
		Instant last = Instant.parse("2030-01-08T09:00:00Z");

		assertThat(threeDays.next(Instant.parse("2030-01-07T09:00:00Z"))).contains(last);
		assertThat(threeDays.next(last)).isEmpty();
		assertThat(threeDays.following(last)).isEqualTo(Instant.parse("2030-01-09T09:00:00Z"));
	}

	@Test
	void anIntervalWithoutAStartCountsFromTheSetUpToTheSecondAndFirstFallsOneStepLater() {
		Schedule twelveDays = Schedule.parse("R12/P1D", ZoneOffset.UTC, SET_UP);

		assertThat(twelveDays.next(SET_UP)).contains(Instant.parse("2030-01-02T10:00:00Z"));
		assertThat(twelveDays.next(Instant.parse("2030-01-12T10:00:00Z")))
			.contains(Instant.parse("2030-01-13T10:00:00Z"));
		assertThat(twelveDays.next(Instant.parse("2030-01-13T10:00:00Z"))).as("after the twelfth").isEmpty();
	}

	@Test
	void aStartlessIntervalOfOneSecondIsDueEachWholeSecondAfterTheSetUp() {
		Schedule everySecond = Schedule.parse("R/PT1S", ZoneOffset.UTC, SET_UP);

		assertThat(everySecond.next(SET_UP)).contains(Instant.parse("2030-01-01T10:00:01Z"));
		assertThat(everySecond.next(Instant.parse("2030-01-01T10:00:01Z")))
			.contains(Instant.parse("2030-01-01T10:00:02Z"));
	}

	@Test
	void aMonthlyIntervalCountsEveryMonthFromItsStartSoTheDayDoesNotDrift() {
		Schedule monthly = Schedule.parse("R/2030-01-31T09:00:00Z/P1M", ZoneOffset.UTC, SET_UP);

		assertThat(monthly.next(Instant.parse("2030-01-31T09:00:00Z"))).contains(Instant.parse("2030-02-28T09:00:00Z"));
		assertThat(monthly.next(Instant.parse("2030-02-28T09:00:00Z"))).contains(Instant.parse("2030-03-31T09:00:00Z"));
	}

	@Test
	void aDayIsACalendarDayInTheDeliverysTimeZoneButTwentyFourHoursAreNot() {
		String start = "2030-03-30T09:00:00+01:00";
		Instant first = Instant.parse("2030-03-30T08:00:00Z");

		assertThat(Schedule.parse("R/" + start + "/P1D", PARIS, SET_UP).next(first)).as("09:00 after the change")
			.contains(Instant.parse("2030-03-31T07:00:00Z"));
		assertThat(Schedule.parse("R/" + start + "/PT24H", PARIS, SET_UP).next(first)).as("10:00 after the change")
			.contains(Instant.parse("2030-03-31T08:00:00Z"));
	}

	@Test
	void anIntervalMayJoinCalendarAndClockParts() {
		Schedule dayAndAHalf = Schedule.parse("R/2030-01-01T00:00:00Z/P1DT12H", ZoneOffset.UTC, SET_UP);

		assertThat(dayAndAHalf.next(Instant.parse("2030-01-01T00:00:00Z")))
			.contains(Instant.parse("2030-01-02T12:00:00Z"));
		assertThat(dayAndAHalf.next(Instant.parse("2030-01-02T12:00:00Z")))
			.contains(Instant.parse("2030-01-04T00:00:00Z"));
	}

	@Test
	void aClockIntervalFindsAnOccurrenceFarFromItsStartAtOnce() {
		Schedule hourly = Schedule.parse("R/1000-01-01T00:00:00Z/PT1H", ZoneOffset.UTC, SET_UP);

		assertThat(hourly.next(Instant.parse("4000-01-01T00:30:00Z"))).contains(Instant.parse("4000-01-01T01:00:00Z"));
		assertThat(hourly.next(Instant.parse("4000-01-01T01:00:00Z"))).contains(Instant.parse("4000-01-01T02:00:00Z"));
	}

	@Test
	void aCalendarIntervalTooFarFromItsStartIsGivenUpOnRatherThanWalkedForever() {
		Schedule daily = Schedule.parse("R/1000-01-01T00:00:00Z/P1D", ZoneOffset.UTC, SET_UP);

		assertThatIllegalStateException().isThrownBy(() -> daily.next(Instant.parse("4000-01-01T00:00:00Z")))
			.withMessageContaining("within " + Schedule.MAX_STEPS + " steps");
	}

	@Test
	void anIntervalRepeatedZeroTimesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("R0/P1D", ZoneOffset.UTC, SET_UP))
			.withMessage("'R0/P1D' repeats 0 times");
	}

	@ParameterizedTest
	@ValueSource(strings = { "R", "R/", "Rx/P1D", "R/2030-01-06T09:00:00Z/P7D/P1D", "R-1/P1D" })
	void whatIsNoRepeatingIntervalIsRefusedWithAnExample(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse(text, ZoneOffset.UTC, SET_UP))
			.withMessage("'" + text + "' is not an ISO-8601 repeating interval such as "
					+ "R/2030-01-06T09:00:00Z/P7D or R12/P1D");
	}

	@ParameterizedTest
	@ValueSource(strings = { "R/2030-01-06T09:00:00/P7D", "R/2030-01-06/P7D", "R/next monday/P7D" })
	void anIntervalsStartWithoutAnOffsetIsRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse(text, ZoneOffset.UTC, SET_UP))
			.withMessageContaining("must name its start as a date and time with offset");
	}

	@ParameterizedTest
	@ValueSource(strings = { "R/P0D", "R/PT0S", "R/P-1D", "R/1D", "R/PT", "R/2030-01-06T09:00:00Z/weekly" })
	void aStepThatIsNoPositiveDurationIsRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse(text, ZoneOffset.UTC, SET_UP))
			.withMessageContaining("is not a positive ISO-8601 duration such as P7D or PT1H");
	}

	@Test
	void occurrencesLessThanASecondApartAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("R/PT0.5S", ZoneOffset.UTC, SET_UP))
			.withMessage("occurrences must be at least one second apart");
	}

	@Test
	void aRepetitionCountTooLargeToCountIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Schedule.parse("R99999999999999999999/P1D", ZoneOffset.UTC, SET_UP));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0 0 9 * *", "0 0 25 * * *", "every monday", "r/P1D", "0 0 9 * * MON *" })
	void whatIsNeitherCronNorIntervalIsRefusedNamingBoth(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse(text, ZoneOffset.UTC, SET_UP))
			.withMessageStartingWith("'" + text + "' is neither a 6-field cron expression (seconds first, such as "
					+ "0 0 9 * * MON) nor an ISO-8601 repeating interval (such as R/2030-01-06T09:00:00Z/P7D): ");
	}

}
