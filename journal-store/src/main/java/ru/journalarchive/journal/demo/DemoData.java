package ru.journalarchive.journal.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import ru.journalarchive.journal.ingest.Batch;

/** A generated school: its batches in the order a journal system would push them. */
public record DemoData(String schoolName, List<Batch> batches) {

    public static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Writes one JSON file per batch, named so that sorting by name gives the push order. */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        var writer = json().writer();
        var files = new ArrayList<Path>();
        for (int i = 0; i < batches.size(); i++) {
            Batch b = batches.get(i);
            Path file = dir.resolve(String.format("%03d-%s.json", i + 1, b.batchId()));
            writer.writeValue(file.toFile(), b);
            files.add(file);
        }
        return files;
    }

    /** Distinct records per table-backed section over all batches: what the database should hold. */
    public Map<String, Integer> distinctRecords() {
        var counts = new LinkedHashMap<String, Integer>();
        count(counts, "academicYears", Batch::academicYears, Batch.AcademicYear::id);
        count(counts, "periods", Batch::periods, Batch.Period::id);
        count(counts, "teachers", Batch::teachers, Batch.Teacher::id);
        count(counts, "subjects", Batch::subjects, Batch.Subject::id);
        count(counts, "classes", Batch::classes, Batch.SchoolClass::id);
        count(counts, "students", Batch::students, Batch.Student::id);
        count(counts, "enrollments", Batch::enrollments, Batch.Enrollment::id);
        count(counts, "groups", Batch::groups, Batch.Group::id);
        count(counts, "curriculum", Batch::curriculum, Batch.CurriculumItem::id);
        count(counts, "timetable", Batch::timetable, Batch.TimetableSlot::id);
        count(counts, "lessons", Batch::lessons, Batch.Lesson::id);
        count(counts, "marks", Batch::marks, Batch.Mark::id);
        count(counts, "attendance", Batch::attendance, Batch.Attendance::id);
        count(counts, "periodMarks", Batch::periodMarks, Batch.PeriodMark::id);
        count(counts, "yearDecisions", Batch::yearDecisions, Batch.YearDecision::id);
        count(counts, "parentAccess", Batch::parentAccess, Batch.ParentAccess::id);
        return counts;
    }

    private <R> void count(Map<String, Integer> counts, String section, Function<Batch, List<R>> records,
                           Function<R, String> id) {
        Set<String> ids = new HashSet<>();
        for (Batch b : batches) for (R r : records.apply(b)) ids.add(id.apply(r));
        counts.put(section, ids.size());
    }
}
