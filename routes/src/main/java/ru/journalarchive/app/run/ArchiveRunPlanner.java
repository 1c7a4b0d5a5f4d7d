package ru.journalarchive.app.run;

import ru.journalarchive.app.RejectedRequest;
import java.util.ArrayList;
import java.util.List;
import ru.journalarchive.journal.snapshot.SchoolYearOutline;
import ru.journalarchive.journal.snapshot.SchoolYearOutlineReader;

/**
 * Which documents a period's run produces. At a period's end: each class's journal per subject for
 * the period, a printed report for each family that asked for paper, and the school's monitoring
 * report, all sealed by the school when it has a seal. At the year's end: each class's year journal
 * per subject and its summary ledger, for the director to sign.
 */
public final class ArchiveRunPlanner {

    private final SchoolYearOutlineReader outlines;
    private final String district;

    /** @param district the municipality's code: a run for it is the district roll-up of a period */
    public ArchiveRunPlanner(SchoolYearOutlineReader outlines, String district) {
        this.outlines = outlines;
        this.district = district;
    }

    /**
     * @param periodId a period of the year, or null for the year end
     * @param classId one class, or null for all (and then the school's own documents too)
     * @param schoolSeals whether the school has a seal for the period documents
     */
    public List<PlannedDocument> plan(String school, String yearId, String periodId, String classId, boolean schoolSeals) {
        if (school.equals(district)) {
            if (periodId == null || classId != null)
                throw new RejectedRequest("periodId", "Сводная справка района составляется за период, без класса");
            return List.of(PlannedDocument.of(DocumentKind.DISTRICT_MONITORING, school, yearId, periodId, null, null, null, schoolSeals));
        }
        SchoolYearOutline outline = outlines.read(school, yearId)
                .orElseThrow(() -> new RejectedRequest("schoolYear", "У школы нет учебного года " + yearId));
        SchoolYearOutline.Period period = periodId == null ? null : outline.period(periodId)
                .orElseThrow(() -> new RejectedRequest("periodId", "В учебном году " + outline.yearName() + " нет периода " + periodId));
        var classes = outline.classesOf(period).stream().filter(c -> classId == null || c.id().equals(classId)).toList();
        if (classId != null && classes.isEmpty())
            throw new RejectedRequest("classId", "Класс " + classId + " не найден или не учится в этом периоде");
        boolean yearEnd = period == null;
        boolean sealed = !yearEnd && schoolSeals;
        var documents = new ArrayList<PlannedDocument>();
        for (var c : classes) {
            for (String subject : c.subjectIds())
                documents.add(PlannedDocument.of(DocumentKind.JOURNAL, school, yearId, periodId, c.id(), subject, null, sealed));
            if (yearEnd)
                documents.add(PlannedDocument.of(DocumentKind.SUMMARY_LEDGER, school, yearId, null, c.id(), null, null, false));
            else
                for (String student : c.paperReportStudentIds())
                    documents.add(PlannedDocument.of(DocumentKind.PARENT_REPORT, school, yearId, periodId, c.id(), null, student, sealed));
        }
        if (classId == null && !yearEnd)
            documents.add(PlannedDocument.of(DocumentKind.MONITORING_REPORT, school, yearId, periodId, null, null, null, sealed));
        return documents;
    }
}
