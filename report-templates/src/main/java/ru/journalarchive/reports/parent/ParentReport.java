package ru.journalarchive.reports.parent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A progress report for a family without electronic access: one student's marks with dates, weighted
 * averages and period marks per subject for one period, and the absences.
 */
public record ParentReport(String schoolName, String directorName, String schoolYear, String className,
                           String classTeacher, String studentId, String studentName, String periodId,
                           String periodName, LocalDate from, LocalDate to, List<Subject> subjects,
                           List<Absence> absences, int lessonsMissed, int lessonsMissedForIllness) {

    public record Subject(String id, String name, List<Mark> marks, BigDecimal weightedAverage, String periodMark) {}

    public record Mark(LocalDate date, String value, String workType, BigDecimal weight) {}

    public record Absence(LocalDate date, int lessonNumber, String subjectName, String code) {}
}
