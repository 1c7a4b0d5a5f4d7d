package ru.journalarchive.reports.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The arithmetic of marks as DOMAIN.md ("Marks") states it. */
class MarkArithmeticTest {

    @Test
    void weightedAverageIsSumOfMarkTimesWeightOverSumOfWeights() {
        // 5 for a test (weight 2), 3 and 4 for answers in class (weight 1): (10 + 3 + 4) / 4 = 4.25
        var average = new WeightedAverage().add("5", new BigDecimal("2")).add("3", BigDecimal.ONE).add("4", BigDecimal.ONE);
        assertThat(average.value()).contains(new BigDecimal("4.25"));
    }

    @Test
    void nonNumericResultsDoNotEnterTheAverage() {
        var average = new WeightedAverage().add("зач", BigDecimal.ONE).add("н/а", BigDecimal.ONE).add("осв", BigDecimal.ONE)
                .add("4", BigDecimal.ONE);
        assertThat(average.value()).contains(new BigDecimal("4.00"));
        assertThat(new WeightedAverage().add("зач", BigDecimal.ONE).value()).isEmpty();
    }

    @Test
    void xPointFiveAndAboveRoundsUpByDefault() {
        assertThat(MarkRounding.HALF_UP.round(new BigDecimal("3.50"))).isEqualTo(4);
        assertThat(MarkRounding.HALF_UP.round(new BigDecimal("3.49"))).isEqualTo(3);
        assertThat(MarkRounding.HALF_UP.round(new BigDecimal("4.00"))).isEqualTo(4);
    }

    @Test
    void aSchoolMayRoundUpOnlyFromXPointSix() {
        var strict = new MarkRounding(new BigDecimal("0.6"));
        assertThat(strict.round(new BigDecimal("3.55"))).isEqualTo(3);
        assertThat(strict.round(new BigDecimal("3.60"))).isEqualTo(4);
    }

    @Test
    void aPeriodMarkIsFlaggedWhenItDiffersFromTheRoundedAverageBeyondTheTolerance() {
        var rules = ReportRules.DEFAULT;
        assertThat(rules.disagrees("4", new BigDecimal("3.50"))).isFalse();
        assertThat(rules.disagrees("3", new BigDecimal("3.50"))).isTrue();
        assertThat(rules.disagrees("зач", new BigDecimal("3.50"))).isFalse();
        var tolerant = new ReportRules(MarkRounding.HALF_UP, 1, AttendanceCodes.DEFAULT);
        assertThat(tolerant.disagrees("3", new BigDecimal("3.50"))).isFalse();
        assertThat(tolerant.disagrees("2", new BigDecimal("3.50"))).isTrue();
    }

    @Test
    void successCountsThreesFoursFivesAndCreditsQualityCountsFoursAndFives() {
        var results = new SubjectResults();
        for (String mark : new String[] {"5", "4", "4", "3", "2", "н/а", "осв"}) results.add(mark);
        // «осв» is no mark given: 6 marks; 4 of them 3–5; 3 of them 4–5; average of 5,4,4,3,2 = 3.60
        assertThat(results.marksGiven()).isEqualTo(6);
        assertThat(results.successPercent()).isEqualByComparingTo("66.7");
        assertThat(results.qualityPercent()).isEqualByComparingTo("50.0");
        assertThat(results.average()).isEqualByComparingTo("3.60");
    }

    @Test
    void aDayIsMissedOnlyIfEveryLessonOfThatDayWasMissed() {
        var monday = LocalDate.of(2025, 9, 1);
        var tuesday = monday.plusDays(1);
        var wednesday = monday.plusDays(2);
        var totals = new AttendanceTotals(AttendanceCodes.DEFAULT)
                // Monday: ill all day (3 lessons)
                .lesson(monday, "б").lesson(monday, "б").lesson(monday, "б")
                // Tuesday: two lessons absent, one present — not a missed day
                .lesson(tuesday, "н").lesson(tuesday, "н").lesson(tuesday, null)
                // Wednesday: all missed, one excused and one ill — a missed day, but not for illness
                .lesson(wednesday, "у").lesson(wednesday, "б")
                // late is not a missed lesson
                .lesson(wednesday.plusDays(1), "о");
        assertThat(totals.lessonsMissed()).isEqualTo(7);
        assertThat(totals.lessonsMissedForIllness()).isEqualTo(4);
        assertThat(totals.daysMissed()).isEqualTo(2);
        assertThat(totals.daysMissedForIllness()).isEqualTo(1);
    }

    @Test
    void indicatorPercentagesHaveOneDecimalAndNothingToShareGivesNoValue() {
        assertThat(Percent.of(2, 3)).isEqualByComparingTo("66.7");
        assertThat(Percent.of(0, 0)).isNull();
    }
}
