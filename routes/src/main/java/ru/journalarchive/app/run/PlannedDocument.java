package ru.journalarchive.app.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One document of a run, named by a deterministic id built from what it is (kind, school, year,
 * period, class, subject or student): planning it again, in the same run or a later one, names the
 * same document, which is what makes every document exist exactly once.
 *
 * @param periodId null for the year-end documents
 * @param classId null for a school's monitoring report
 */
public record PlannedDocument(String documentId, String school, String schoolYear, String periodId, String classId,
                              DocumentKind kind, String subjectId, String studentId, boolean sealed) {

    public static PlannedDocument of(DocumentKind kind, String school, String schoolYear, String periodId, String classId,
                                     String subjectId, String studentId, boolean sealed) {
        var parts = new ArrayList<String>(List.of(kind.code(), school, schoolYear, periodId == null ? "year" : periodId));
        if (classId != null) parts.add(classId);
        if (subjectId != null) parts.add(subjectId);
        if (studentId != null) parts.add(studentId);
        return new PlannedDocument(String.join("--", parts.stream().map(PlannedDocument::keySafe).toList()), school, schoolYear,
                periodId, classId, kind, subjectId, studentId, sealed);
    }

    /** Where the package lives in the archive: school/year/period/class/kind/. */
    public List<String> archivePath() {
        return List.of(keySafe(school), keySafe(schoolYear), periodId == null ? "year" : keySafe(periodId),
                classId == null ? "school" : keySafe(classId), kind.code());
    }

    /**
     * A source id as it may appear in an S3 key and a document id: letters, digits, dot, dash and
     * underscore stay; anything else is replaced and a short hash of the original keeps ids distinct.
     */
    static String keySafe(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.equals(id)) return id;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return safe + "_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
