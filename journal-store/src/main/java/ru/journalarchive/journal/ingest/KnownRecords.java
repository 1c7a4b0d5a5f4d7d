package ru.journalarchive.journal.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What validation needs to know about the records a batch refers to: the batch's own records,
 * completed from the database for references to records sent earlier. Keys are source ids.
 */
final class KnownRecords {

    record Year(String name, LocalDate start, LocalDate end) {}

    record Period(String yearId, String kind, int gradeFrom, int gradeTo, LocalDate start, LocalDate end) {}

    record SchoolClass(String yearId, int grade, String label) {}

    record Group(String classId, Set<String> members) {}

    record Lesson(String classId, String groupId, LocalDate date) {}

    record Enrollment(String id, String classId, LocalDate from, LocalDate to) {
        boolean covers(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }
    }

    final Map<String, Year> years = new HashMap<>();
    final Map<String, Period> periods = new HashMap<>();
    final Map<String, SchoolClass> classes = new HashMap<>();
    final Map<String, Group> groups = new HashMap<>();
    final Map<String, Lesson> lessons = new HashMap<>();
    final Set<String> teachers = new HashSet<>();
    final Set<String> subjects = new HashSet<>();
    final Set<String> students = new HashSet<>();
    final Map<String, List<Enrollment>> enrollmentsByStudent = new HashMap<>();

    /** Loads the batch's records, then whatever else the batch refers to from the school's stored data. */
    static KnownRecords load(Connection connection, long schoolId, Batch batch) throws SQLException {
        var known = new KnownRecords();
        known.addBatch(batch);
        new Loader(connection, schoolId, known).load(batch);
        return known;
    }

    private void addBatch(Batch b) {
        b.academicYears().forEach(y -> {
            if (y.id() != null && y.startDate() != null && y.endDate() != null)
                years.put(y.id(), new Year(y.name(), y.startDate(), y.endDate()));
        });
        b.periods().forEach(p -> {
            if (p.id() != null)
                periods.put(p.id(), new Period(p.academicYearId(), p.kind(), intOr(p.gradeFrom(), 1),
                        intOr(p.gradeTo(), 11), p.startDate(), p.endDate()));
        });
        b.classes().forEach(c -> {
            if (c.id() != null)
                classes.put(c.id(), new SchoolClass(c.academicYearId(), intOr(c.grade(), 0),
                        (c.grade() == null ? "" : c.grade()) + (c.letter() == null ? "" : c.letter())));
        });
        b.groups().forEach(g -> {
            if (g.id() != null) groups.put(g.id(), new Group(g.classId(), Set.copyOf(g.studentIds())));
        });
        b.lessons().forEach(l -> {
            if (l.id() != null) lessons.put(l.id(), new Lesson(l.classId(), l.groupId(), l.date()));
        });
        b.teachers().forEach(t -> teachers.add(t.id()));
        b.subjects().forEach(s -> subjects.add(s.id()));
        b.students().forEach(s -> students.add(s.id()));
        b.enrollments().forEach(e -> {
            if (e.studentId() != null && e.classId() != null && e.dateFrom() != null)
                enrollmentsByStudent.computeIfAbsent(e.studentId(), k -> new ArrayList<>())
                        .add(new Enrollment(e.id(), e.classId(), e.dateFrom(), e.dateTo()));
        });
    }

    private static int intOr(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static final class Loader {
        private final Connection connection;
        private final long schoolId;
        private final KnownRecords known;

        Loader(Connection connection, long schoolId, KnownRecords known) {
            this.connection = connection;
            this.schoolId = schoolId;
            this.known = known;
        }

        void load(Batch b) throws SQLException {
            var lessonRefs = new HashSet<String>();
            b.marks().forEach(m -> lessonRefs.add(m.lessonId()));
            b.attendance().forEach(a -> lessonRefs.add(a.lessonId()));
            loadLessons(missing(lessonRefs, known.lessons.keySet()));

            var groupRefs = new HashSet<String>();
            b.lessons().forEach(l -> groupRefs.add(l.groupId()));
            b.timetable().forEach(t -> groupRefs.add(t.groupId()));
            known.lessons.values().forEach(l -> groupRefs.add(l.groupId()));
            loadGroups(missing(groupRefs, known.groups.keySet()));

            var studentRefs = new HashSet<String>();
            b.enrollments().forEach(e -> studentRefs.add(e.studentId()));
            b.marks().forEach(m -> studentRefs.add(m.studentId()));
            b.attendance().forEach(a -> studentRefs.add(a.studentId()));
            b.periodMarks().forEach(p -> studentRefs.add(p.studentId()));
            b.yearDecisions().forEach(d -> studentRefs.add(d.studentId()));
            b.parentAccess().forEach(p -> studentRefs.add(p.studentId()));
            b.groups().forEach(g -> studentRefs.addAll(g.studentIds()));
            loadStudents(missing(studentRefs, known.students));
            var batchEnrollmentIds = new HashSet<String>();
            b.enrollments().forEach(e -> batchEnrollmentIds.add(e.id()));
            loadEnrollments(studentRefs, batchEnrollmentIds);

            var teacherRefs = new HashSet<String>();
            b.classes().forEach(c -> teacherRefs.add(c.classTeacherId()));
            b.curriculum().forEach(c -> teacherRefs.add(c.teacherId()));
            b.timetable().forEach(t -> teacherRefs.add(t.teacherId()));
            b.lessons().forEach(l -> {
                teacherRefs.add(l.teacherId());
                teacherRefs.add(l.substituteTeacherId());
            });
            known.teachers.addAll(existing("teacher", missing(teacherRefs, known.teachers)));

            var subjectRefs = new HashSet<String>();
            b.curriculum().forEach(c -> subjectRefs.add(c.subjectId()));
            b.timetable().forEach(t -> subjectRefs.add(t.subjectId()));
            b.lessons().forEach(l -> subjectRefs.add(l.subjectId()));
            b.periodMarks().forEach(p -> subjectRefs.add(p.subjectId()));
            known.subjects.addAll(existing("subject", missing(subjectRefs, known.subjects)));

            var classRefs = new HashSet<String>();
            b.enrollments().forEach(e -> classRefs.add(e.classId()));
            b.groups().forEach(g -> classRefs.add(g.classId()));
            b.curriculum().forEach(c -> classRefs.add(c.classId()));
            b.timetable().forEach(t -> classRefs.add(t.classId()));
            b.lessons().forEach(l -> classRefs.add(l.classId()));
            known.lessons.values().forEach(l -> classRefs.add(l.classId()));
            known.groups.values().forEach(g -> classRefs.add(g.classId()));
            known.enrollmentsByStudent.values().forEach(list -> list.forEach(e -> classRefs.add(e.classId())));
            loadClasses(missing(classRefs, known.classes.keySet()));

            var periodRefs = new HashSet<String>();
            b.periodMarks().forEach(p -> periodRefs.add(p.periodId()));
            loadPeriods(missing(periodRefs, known.periods.keySet()));

            var yearRefs = new HashSet<String>();
            b.periods().forEach(p -> yearRefs.add(p.academicYearId()));
            b.periodMarks().forEach(p -> yearRefs.add(p.academicYearId()));
            b.yearDecisions().forEach(d -> yearRefs.add(d.academicYearId()));
            known.classes.values().forEach(c -> yearRefs.add(c.yearId()));
            known.periods.values().forEach(p -> yearRefs.add(p.yearId()));
            loadYears(missing(yearRefs, known.years.keySet()));
        }

        private static String[] missing(Collection<String> refs, Collection<String> present) {
            return refs.stream().filter(r -> r != null && !present.contains(r)).distinct().toArray(String[]::new);
        }

        private void loadLessons(String[] ids) throws SQLException {
            query("""
                    SELECT l.source_id, c.source_id, g.source_id, l.lesson_date FROM lesson l
                    JOIN school_class c ON c.id = l.class_id LEFT JOIN class_group g ON g.id = l.group_id
                    WHERE l.school_id = ? AND l.source_id = ANY (?)""", ids, rs -> known.lessons.put(rs.getString(1),
                    new Lesson(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class))));
        }

        private void loadGroups(String[] ids) throws SQLException {
            query("""
                    SELECT g.source_id, c.source_id,
                           array(SELECT st.source_id FROM group_member gm JOIN student st ON st.id = gm.student_id
                                 WHERE gm.group_id = g.id)
                    FROM class_group g JOIN school_class c ON c.id = g.class_id
                    WHERE g.school_id = ? AND g.source_id = ANY (?)""", ids, rs -> known.groups.put(rs.getString(1),
                    new Group(rs.getString(2), Set.of((String[]) rs.getArray(3).getArray()))));
        }

        private void loadStudents(String[] ids) throws SQLException {
            known.students.addAll(existing("student", ids));
        }

        private void loadEnrollments(Set<String> studentIds, Set<String> replacedInBatch) throws SQLException {
            String[] ids = studentIds.stream().filter(java.util.Objects::nonNull).toArray(String[]::new);
            query("""
                    SELECT e.source_id, st.source_id, c.source_id, e.date_from, e.date_to FROM enrollment e
                    JOIN student st ON st.id = e.student_id JOIN school_class c ON c.id = e.class_id
                    WHERE e.school_id = ? AND st.source_id = ANY (?)""", ids, rs -> {
                if (!replacedInBatch.contains(rs.getString(1))) {
                    known.enrollmentsByStudent.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(new Enrollment(rs.getString(1), rs.getString(3), rs.getObject(4, LocalDate.class),
                                    rs.getObject(5, LocalDate.class)));
                }
            });
        }

        private void loadClasses(String[] ids) throws SQLException {
            query("""
                    SELECT c.source_id, y.source_id, c.grade, c.grade || c.letter FROM school_class c
                    JOIN academic_year y ON y.id = c.academic_year_id
                    WHERE c.school_id = ? AND c.source_id = ANY (?)""", ids, rs -> known.classes.put(rs.getString(1),
                    new SchoolClass(rs.getString(2), rs.getInt(3), rs.getString(4))));
        }

        private void loadPeriods(String[] ids) throws SQLException {
            query("""
                    SELECT p.source_id, y.source_id, p.kind, p.grade_from, p.grade_to, p.start_date, p.end_date
                    FROM study_period p JOIN academic_year y ON y.id = p.academic_year_id
                    WHERE p.school_id = ? AND p.source_id = ANY (?)""", ids, rs -> known.periods.put(rs.getString(1),
                    new Period(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                            rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class))));
        }

        private void loadYears(String[] ids) throws SQLException {
            query("SELECT source_id, name, start_date, end_date FROM academic_year WHERE school_id = ? AND source_id = ANY (?)",
                    ids, rs -> known.years.put(rs.getString(1), new Year(rs.getString(2),
                            rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))));
        }

        private Set<String> existing(String table, String[] ids) throws SQLException {
            var found = new HashSet<String>();
            query("SELECT source_id FROM " + table + " WHERE school_id = ? AND source_id = ANY (?)", ids,
                    rs -> found.add(rs.getString(1)));
            return found;
        }

        private interface RowHandler {
            void handle(ResultSet rs) throws SQLException;
        }

        private void query(String sql, String[] ids, RowHandler handler) throws SQLException {
            if (ids.length == 0) return;
            try (var st = connection.prepareStatement(sql)) {
                Array array = connection.createArrayOf("text", ids);
                st.setLong(1, schoolId);
                st.setArray(2, array);
                try (var rs = st.executeQuery()) {
                    while (rs.next()) handler.handle(rs);
                }
            }
        }
    }
}
