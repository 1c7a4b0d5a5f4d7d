package ru.journalarchive.reports.ledger;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The summary ledger of progress and attendance (сводная ведомость) of one class for a school year:
 * what the PDF shows and what its JSON twin holds.
 */
public record SummaryLedger(String schoolName, String directorName, String schoolYear, String classId, String className,
                            String classTeacher, List<Subject> subjects, List<Column> columns, List<Student> students,
                            List<SubjectTotals> totals) {

    public record Subject(String id, String name, String shortName) {}

    /** A mark column under each subject: a period id or YEAR, EXAM, FINAL, with its heading. */
    public record Column(String key, String heading) {}

    /** marks: subject id → column key → mark. */
    public record Student(int no, String id, String fullName, Map<String, Map<String, String>> marks, int daysMissed,
                          int daysMissedForIllness, int lessonsMissed, int lessonsMissedForIllness, String decision,
                          String decisionText) {}

    /** Success %, quality % and average mark of one subject column over the class. */
    public record SubjectTotals(String subjectId, String column, int marksGiven, BigDecimal successPercent,
                                BigDecimal qualityPercent, BigDecimal average) {}
}
