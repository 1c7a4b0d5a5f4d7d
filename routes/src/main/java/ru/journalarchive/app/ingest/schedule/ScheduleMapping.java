package ru.journalarchive.app.ingest.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.Problem;

/**
 * A {@code Schedule} document as a batch of the push format. The document belongs to one person, so
 * every score and the attendance of a lesson are that student's. Deterministic, so that the same
 * document always gives the same batch:
 * <ul>
 * <li>a lesson keeps its id, class ({@code eduGroup}), group ({@code subgroup}), subject, teacher,
 * date (the day of {@code period.start}), number, topic and homework; the journal's other lesson
 * fields (control type, comment, entry times) are not in the contract and stay empty;</li>
 * <li>a score is a mark with id {@code fgis:<lesson>:<person>:s<index>}, {@code score2} a second mark
 * {@code …:s<index>.2}; the mark value through the score system's table, {@code code} as work type;
 * entered at the lesson's end (the contract has no entry time);</li>
 * <li>the attendance is the record {@code fgis:<lesson>:<person>:a} with the code through the table,
 * noted at the lesson's start; a code that means "present" removes that record if it was stored;</li>
 * <li>an id longer than the journal's 100 characters is replaced by {@code fgis:} and a hash of it.</li>
 * </ul>
 * Codes missing from the tables are problems naming the code, never dropped silently.
 */
final class ScheduleMapping {

    static final String ID_PREFIX = "fgis:";
    private static final int MAX_ID_LENGTH = 100;

    private final ScheduleCodes.Codes codes;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, MappedSchedule.Origin> origins = new LinkedHashMap<>();
    private final List<Batch.Lesson> lessons = new ArrayList<>();
    private final List<Batch.Mark> marks = new ArrayList<>();
    private final List<Batch.Attendance> attendance = new ArrayList<>();
    private final List<Batch.Deletion> deletions = new ArrayList<>();
    private String person;

    private ScheduleMapping(ScheduleCodes.Codes codes) {
        this.codes = codes;
    }

    static MappedSchedule map(ScheduleDocument document, String batchId, ScheduleCodes.Codes codes) {
        var mapping = new ScheduleMapping(codes);
        mapping.document(document);
        Batch batch = new Batch(batchId, null, null, null, null, null, null, null, null, null, null, null,
                mapping.lessons, mapping.marks, mapping.attendance, null, null, null, mapping.deletions);
        return new MappedSchedule(batch, mapping.problems, mapping.origins);
    }

    private void document(ScheduleDocument document) {
        if (document.resourceType() != null && !document.resourceType().equals("Schedule"))
            problem("resourceType", "Ожидается документ Schedule, а не «" + document.resourceType() + "»");
        person = document.person() == null ? null : blankToNull(document.person().id());
        if (person == null) problem("person.id", "Не указан обучающийся, чьё это расписание (person.id)");
        if (document.lesson().isEmpty()) problem("lesson", "В документе нет ни одного урока");
        var firstIndex = new HashMap<String, Integer>();
        for (int i = 0; i < document.lesson().size(); i++) {
            String path = "lesson[" + i + "]";
            ScheduleDocument.Lesson lesson = document.lesson().get(i);
            if (lesson == null) {
                problem(path, "Пустой урок");
                continue;
            }
            Integer first = lesson.id() == null ? null : firstIndex.putIfAbsent(lesson.id(), i);
            if (first != null) {
                // its scores would be the same records twice: reported once, here
                problem(path + ".id", "Урок «" + lesson.id() + "» уже есть в документе (lesson[" + first + "])");
                continue;
            }
            lesson(path, lesson);
        }
    }

    private void lesson(String path, ScheduleDocument.Lesson lesson) {
        OffsetDateTime start = lesson.period() == null ? null : lesson.period().start();
        OffsetDateTime end = lesson.period() == null ? null : lesson.period().end();
        if (start != null && end != null && end.isBefore(start))
            problem(path + ".period.end", "Урок заканчивается раньше, чем начинается");
        origins.put("lessons[" + lessons.size() + "]", new MappedSchedule.Origin(path, Map.of(
                "id", path + ".id", "classId", path + ".eduGroup.id", "groupId", path + ".subgroup.id",
                "subjectId", path + ".subject.id", "teacherId", path + ".teacher.id", "date", path + ".period.start",
                "number", path + ".number", "topic", path + ".topic", "homework", path + ".homework")));
        lessons.add(new Batch.Lesson(lesson.id(), id(lesson.eduGroup()), id(lesson.subgroup()), id(lesson.subject()),
                id(lesson.teacher()), null, start == null ? null : start.toLocalDate(), lesson.number(), lesson.topic(),
                lesson.homework(), null, null, null, null, null, null, null));
        if (lesson.attendance() != null) attendance(path, lesson, start);
        for (int j = 0; j < lesson.score().size(); j++) score(path, j, lesson, end != null ? end : start);
    }

    private void attendance(String lessonPath, ScheduleDocument.Lesson lesson, OffsetDateTime start) {
        String path = lessonPath + ".attendance";
        String code = lesson.attendance().code();
        String ours = codes.attendance(code);
        String id = recordId(lesson.id(), "a");
        if (code == null || code.isBlank()) {
            problem(path + ".code", "Не указан код посещаемости");
        } else if (ours == null) {
            problem(path + ".code", "Код посещаемости «" + code + "» неизвестен: его нет в таблице соответствия кодов "
                    + "(известны: " + codes.attendanceCodes() + ")");
        } else if (ours.isEmpty()) {
            origins.put("deletions[" + deletions.size() + "]", new MappedSchedule.Origin(path, Map.of()));
            deletions.add(new Batch.Deletion("attendance", id));
        } else {
            origins.put("attendance[" + attendance.size() + "]", new MappedSchedule.Origin(path, Map.of(
                    "lessonId", lessonPath + ".id", "studentId", "person.id", "code", path + ".code",
                    "enteredAt", lessonPath + ".period.start")));
            attendance.add(new Batch.Attendance(id, lesson.id(), person, ours, start));
        }
    }

    private void score(String lessonPath, int index, ScheduleDocument.Lesson lesson, OffsetDateTime enteredAt) {
        String path = lessonPath + ".score[" + index + "]";
        ScheduleDocument.Score score = lesson.score().get(index);
        if (score == null) {
            problem(path, "Пустая отметка");
            return;
        }
        ScheduleCodes.Table system = codes.system(score.scoreSystem());
        if (score.scoreSystem() == null || score.scoreSystem().isBlank()) {
            problem(path + ".scoreSystem", "Не указана система оценивания");
        } else if (system == null) {
            problem(path + ".scoreSystem", "Система оценивания «" + score.scoreSystem() + "» неизвестна: её нет в таблице "
                    + "соответствия отметок (известны: " + codes.systems() + ")");
        }
        if (score.score() == null || score.score().isBlank()) problem(path + ".score", "Не указана отметка");
        else mark(path, "score", score.score(), score, system, lesson, recordId(lesson.id(), "s" + index), enteredAt);
        if (score.score2() != null && !score.score2().isBlank())
            mark(path, "score2", score.score2(), score, system, lesson, recordId(lesson.id(), "s" + index + ".2"), enteredAt);
    }

    private void mark(String path, String field, String value, ScheduleDocument.Score score, ScheduleCodes.Table system,
                      ScheduleDocument.Lesson lesson, String id, OffsetDateTime enteredAt) {
        if (system == null) return; // the unknown system is reported already
        String ours = system.get(value);
        if (ours == null || ours.isEmpty()) {
            problem(path + "." + field, "Отметка «" + value + "» неизвестна в системе оценивания «" + score.scoreSystem()
                    + "» (известны: " + system.known() + ")");
            return;
        }
        String lessonPath = path.substring(0, path.lastIndexOf(".score["));
        origins.put("marks[" + marks.size() + "]", new MappedSchedule.Origin(path, Map.of(
                "lessonId", lessonPath + ".id", "studentId", "person.id", "value", path + "." + field,
                "workType", path + ".code", "weight", path + ".weight", "enteredAt", lessonPath + ".period.start")));
        marks.add(new Batch.Mark(id, lesson.id(), person, ours, score.code(), score.weight(), enteredAt));
    }

    /** The id of a record of this person in a lesson; hashed when longer than the journal takes. */
    private String recordId(String lessonId, String suffix) {
        String id = ID_PREFIX + lessonId + ":" + person + ":" + suffix;
        if (id.length() <= MAX_ID_LENGTH) return id;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return ID_PREFIX + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(ScheduleDocument.Ref ref) {
        return ref == null ? null : ref.id();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
