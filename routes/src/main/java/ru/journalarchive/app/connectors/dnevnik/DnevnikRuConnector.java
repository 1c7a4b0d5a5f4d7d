package ru.journalarchive.app.connectors.dnevnik;

import static ru.journalarchive.app.connectors.BatchParts.blankToNull;
import static ru.journalarchive.app.connectors.BatchParts.sorted;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ru.journalarchive.app.connectors.BatchParts;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.ConnectorSources;
import ru.journalarchive.app.connectors.SourceCodes;
import ru.journalarchive.app.connectors.SourceConnector;
import ru.journalarchive.app.connectors.SourceCredentials;
import ru.journalarchive.app.connectors.SourceException;
import ru.journalarchive.app.connectors.SourceHttp;
import ru.journalarchive.app.connectors.SourceKind;
import ru.journalarchive.journal.ingest.Batch;

/**
 * Дневник.ру → the push format, one class (edu-group) at a time. Ids are the source's, prefixed
 * ({@code dnevnik:person:17}, {@code dnevnik:<group>:mark:88}), so that pulled records never meet pushed
 * ones and each class's marks, absences and final marks can be told apart for deletions. The school
 * year runs from 1 September of the group's {@code studyyear} to 30 June; a reporting period applies to
 * the grades of the classes that use it. Дневник.ру has no dates of class membership: a current member
 * counts from the start of the year, a former one (with records in the class, no longer in its list)
 * until the last of them.
 */
public final class DnevnikRuConnector implements SourceConnector {

    private final ConnectorSources sources;
    private final ZoneId zone;
    private final java.util.function.UnaryOperator<String> environment;

    public DnevnikRuConnector(ConnectorSources sources, ZoneId zone, java.util.function.UnaryOperator<String> environment) {
        this.sources = sources;
        this.zone = zone;
        this.environment = environment;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DNEVNIK_RU;
    }

    private DnevnikRuClient client(ConnectorSource source, SourceHttp http) {
        return new DnevnikRuClient(source, http, sources, SourceCredentials.resolve(source.credentials(), environment));
    }

    @Override
    public void authorize(ConnectorSource source, SourceHttp http, String code) {
        client(source, http).authorize(code);
    }

    @Override
    public Session open(ConnectorSource source, SourceHttp http, SourceCodes codes) {
        var client = client(source, http);
        String school = source.remoteSchoolId();
        var session = new DnevnikSession(source, client, codes, http.settings());
        List<JsonNode> groups = client.list("schools/" + school + "/edu-groups", Map.of());
        for (JsonNode g : groups) {
            String id = g.path("id").asText();
            if (!"Class".equalsIgnoreCase(g.path("type").asText("Class"))) continue; // subgroups: later
            if (!source.classes().isEmpty() && !source.classes().containsKey(id)) continue;
            session.groups.put(id, g);
        }
        for (JsonNode t : client.list("schools/" + school + "/teachers", Map.of())) session.teachers.put(text(t, "Id", "id"), t);
        for (JsonNode w : client.list("work-types/" + school, Map.of())) session.workTypes.put(w.path("id").asText(), w);
        // Reporting periods per class first: a period's grades are those of every class that uses it.
        for (var e : session.groups.entrySet()) {
            try {
                session.periodsOf.put(e.getKey(), client.list("edu-groups/" + e.getKey() + "/reporting-periods", Map.of()));
                int grade = e.getValue().path("parallel").asInt();
                for (JsonNode p : session.periodsOf.get(e.getKey())) {
                    session.periodGrades.compute(p.path("id").asText(), (k, g) -> BatchParts.widen(g, grade));
                }
            } catch (SourceException ex) {
                session.outlineErrors.put(e.getKey(), ex.getMessage());
            }
        }
        return session;
    }

    private final class DnevnikSession implements Session {
        final ConnectorSource source;
        final DnevnikRuClient client;
        final SourceCodes codes;
        final ru.journalarchive.app.connectors.ConnectorsProperties.Requests settings;
        final Map<String, JsonNode> groups = new TreeMap<>(Comparator.comparingLong(Long::parseLong));
        final Map<String, JsonNode> teachers = new HashMap<>();
        final Map<String, JsonNode> workTypes = new HashMap<>();
        final Map<String, List<JsonNode>> periodsOf = new HashMap<>();
        final Map<String, int[]> periodGrades = new HashMap<>();
        final Map<String, String> outlineErrors = new HashMap<>();
        final String p;

        DnevnikSession(ConnectorSource source, DnevnikRuClient client, SourceCodes codes,
                       ru.journalarchive.app.connectors.ConnectorsProperties.Requests settings) {
            this.source = source;
            this.client = client;
            this.codes = codes;
            this.settings = settings;
            this.p = source.idPrefix();
        }

        @Override
        public List<RemoteClass> classes() {
            var out = new ArrayList<RemoteClass>();
            groups.forEach((id, g) -> out.add(new RemoteClass(id, classId(id), g.path("name").asText(), outlineErrors.get(id))));
            return out;
        }

        String classId(String group) {
            return source.classes().getOrDefault(group, p + ":class:" + group);
        }

        @Override
        public ClassFetch fetch(RemoteClass rc, LocalDate from, LocalDate to) {
            String g = rc.remoteId();
            JsonNode group = groups.get(g);
            String classId = rc.classId();
            int studyYear = group.path("studyyear").asInt();
            String yearId = String.valueOf(studyYear);
            LocalDate yearStart = LocalDate.of(studyYear, 9, 1);
            var fetched = new LinkedHashMap<String, Integer>();

            // Roster and reference data.
            List<JsonNode> persons = client.list("persons", Map.of("eduGroup", g));
            List<JsonNode> subjects = client.list("edu-groups/" + g + "/subjects", Map.of());
            List<JsonNode> periods = periodsOf.getOrDefault(g, List.of());
            // The window's lessons, marks and absences, a chunk of days at a time.
            var lessons = new ArrayList<JsonNode>();
            var marks = new ArrayList<JsonNode>();
            var logEntries = new ArrayList<JsonNode>();
            for (LocalDate a = from; !a.isAfter(to); a = a.plusDays(settings.chunkDays())) {
                LocalDate b = a.plusDays(settings.chunkDays() - 1L);
                if (b.isAfter(to)) b = to;
                String range = DnevnikRuClient.day(a) + "/" + DnevnikRuClient.endOf(b);
                lessons.addAll(client.list("edu-groups/" + g + "/lessons/" + range, Map.of()));
                marks.addAll(client.pages("edu-groups/" + g + "/marks/" + range, Map.of(), settings.pageSize()));
            }
            for (JsonNode s : subjects) {
                logEntries.addAll(client.list("lesson-log-entries/group/" + g, ordered("subject", s.path("id").asText(),
                        "from", DnevnikRuClient.day(from), "to", DnevnikRuClient.endOf(to))));
            }
            JsonNode finals = client.get("edu-groups/" + g + "/final-marks", Map.of());
            fetched.put("persons", persons.size());
            fetched.put("subjects", subjects.size());
            fetched.put("reportingPeriods", periods.size());
            fetched.put("lessons", lessons.size());
            fetched.put("marks", marks.size());
            fetched.put("logEntries", logEntries.size());
            fetched.put("finalMarks", finals.path("marks").size());

            // Mapping.
            var batchPeriods = new ArrayList<Batch.Period>();
            var periodByTypeNumber = new HashMap<String, String>();
            for (JsonNode rp : periods) {
                String kind = codes.periodType(rp.path("type").asText());
                int[] grades = periodGrades.getOrDefault(rp.path("id").asText(), new int[] {group.path("parallel").asInt(), group.path("parallel").asInt()});
                String id = p + ":period:" + rp.path("id").asText();
                batchPeriods.add(new Batch.Period(id, yearId, kind, rp.path("number").asInt(), grades[0], grades[1],
                        date(rp, "start"), date(rp, "finish")));
                periodByTypeNumber.put(kind + "#" + rp.path("number").asInt(), id);
            }
            var batchSubjects = new TreeMap<String, Batch.Subject>();
            for (JsonNode s : subjects) batchSubjects.put(subjectId(s.path("id").asText()), new Batch.Subject(subjectId(s.path("id").asText()), s.path("name").asText(), null));

            var teacherIds = new LinkedHashSet<String>();
            var batchLessons = new ArrayList<Batch.Lesson>();
            var lessonDates = new HashMap<String, LocalDate>();
            var workById = new HashMap<String, JsonNode>();
            for (JsonNode l : lessons) {
                String lessonId = lessonId(g, l.path("id").asText());
                JsonNode subject = l.path("subject");
                String subjectId = subjectId(subject.path("id").asText());
                batchSubjects.putIfAbsent(subjectId, new Batch.Subject(subjectId, subject.path("name").asText(), null));
                String teacher = l.path("teachers").size() > 0 ? l.path("teachers").get(0).asText() : null;
                if (teacher == null) throw new SourceException("У урока " + l.path("id").asText() + " не указан учитель");
                teacherIds.add(teacher);
                var homework = new ArrayList<String>();
                String controlType = null;
                for (JsonNode w : l.path("works")) {
                    workById.put(w.path("id").asText(), w);
                    if ("Homework".equalsIgnoreCase(w.path("type").asText()) && !w.path("text").asText("").isBlank()) homework.add(w.path("text").asText());
                    JsonNode type = workTypes.get(w.path("workType").asText());
                    if (type != null && controlType == null) {
                        String code = codes.workType(type.path("title").asText(null), type.path("abbr").asText(null), type.path("id").asText());
                        if (!code.equals("О") && !code.equals("ДЗ")) controlType = type.path("title").asText();
                    }
                }
                if (homework.isEmpty() && hasHomeworkWithoutText(l)) homework.addAll(homeworkTexts(l));
                LocalDate day = dateTime(l, "date").toLocalDate();
                lessonDates.put(lessonId, day);
                boolean tookPlace = !Set.of("NotConducted", "Cancelled").contains(l.path("status").asText());
                batchLessons.add(new Batch.Lesson(lessonId, classId, null, subjectId, personId(teacher), null, day,
                        l.path("number").isMissingNode() || l.path("number").isNull() ? null : l.path("number").asInt(),
                        blankToNull(l.path("title").asText(null)), homework.isEmpty() ? null : String.join("; ", homework),
                        controlType, tookPlace, null, null, null, null, null));
            }

            var members = new LinkedHashMap<String, JsonNode>();
            for (JsonNode person : persons) members.put(person.path("id").asText(), person);
            var lastRecord = new HashMap<String, LocalDate>(); // former members: their last record in this class

            var batchMarks = new ArrayList<Batch.Mark>();
            for (JsonNode m : marks) {
                String person = m.path("person").asText();
                if (m.path("lesson").isNull() || m.path("lesson").isMissingNode())
                    throw new SourceException("Отметка " + m.path("id").asText() + " не привязана к уроку");
                String lessonId = lessonId(g, m.path("lesson").asText());
                JsonNode type = workTypes.get(m.path("workType").asText());
                if (type == null) throw new SourceException("Вид работы с id " + m.path("workType").asText() + " отметки "
                        + m.path("id").asText() + " отсутствует в work-types/" + source.remoteSchoolId());
                String workType = codes.workType(type.path("title").asText(null), type.path("abbr").asText(null), type.path("id").asText());
                int weight = type.path("weight").asInt(0);
                OffsetDateTime at = offset(dateTime(m, "date"));
                batchMarks.add(new Batch.Mark(p + ":" + g + ":mark:" + m.path("id").asText(), lessonId, personId(person),
                        codes.mark(m.path("value").asText(), "отметка " + m.path("id").asText()), workType,
                        weight > 0 ? BigDecimal.valueOf(weight) : BigDecimal.ONE, at));
                note(lastRecord, members, person, lessonDates.getOrDefault(lessonId, at.toLocalDate()));
            }

            var batchAttendance = new ArrayList<Batch.Attendance>();
            for (JsonNode e : logEntries) {
                String code = codes.attendance(e.path("status").asText());
                if (code.isEmpty()) continue;
                String person = e.path("person").asText();
                String lesson = e.path("lesson").asText();
                String lessonId = lessonId(g, lesson);
                batchAttendance.add(new Batch.Attendance(p + ":" + g + ":att:" + lesson + ":" + person, lessonId, personId(person), code,
                        offset(dateTime(e, "createdDate"))));
                note(lastRecord, members, person, lessonDates.getOrDefault(lessonId, dateTime(e, "createdDate").toLocalDate()));
            }

            var batchPeriodMarks = new ArrayList<Batch.PeriodMark>();
            var finalWorks = new HashMap<String, JsonNode>();
            finals.path("works").forEach(w -> finalWorks.put(w.path("id").asText(), w));
            var finalTypes = new HashMap<String, JsonNode>();
            finals.path("workTypes").forEach(t -> finalTypes.put(t.path("id").asText(), t));
            for (JsonNode m : finals.path("marks")) {
                JsonNode work = finalWorks.get(m.path("work").asText());
                if (work == null) throw new SourceException("Итоговая отметка " + m.path("id").asText() + " ссылается на работу "
                        + m.path("work").asText() + ", которой нет в ответе final-marks");
                JsonNode type = finalTypes.get(work.path("workType").asText());
                if (type == null) throw new SourceException("Вид работы " + work.path("workType").asText() + " итоговой отметки "
                        + m.path("id").asText() + " отсутствует в ответе final-marks");
                String kind = codes.finalKind(type.path("kind").asText(), type.path("name").asText());
                String periodId = null;
                if (kind.equals("PERIOD")) {
                    kind = codes.periodType(work.path("periodType").asText());
                    periodId = periodByTypeNumber.get(kind + "#" + work.path("periodNumber").asInt());
                    if (periodId == null) throw new SourceException("Итоговая отметка " + m.path("id").asText() + " за период "
                            + work.path("periodType").asText() + " № " + work.path("periodNumber").asInt() + ": такого отчётного периода у класса нет");
                }
                String person = m.path("person").asText();
                String subjectId = subjectId(work.path("subjectId").asText());
                batchSubjects.putIfAbsent(subjectId, new Batch.Subject(subjectId, subjectName(finals, work.path("subjectId").asText()), null));
                batchPeriodMarks.add(new Batch.PeriodMark(p + ":" + g + ":final:" + m.path("id").asText(), personId(person), subjectId,
                        yearId, kind, periodId, codes.mark(m.path("value").asText(), "итоговая отметка " + m.path("id").asText()),
                        offset(dateTime(m, "date"))));
                if (!members.containsKey(person)) lastRecord.merge(person, dateTime(m, "date").toLocalDate(), (a, b) -> a.isAfter(b) ? a : b);
            }

            // Students: current members and former ones (read one by one: no longer in the class's list).
            var batchStudents = new ArrayList<Batch.Student>();
            var enrollments = new ArrayList<Batch.Enrollment>();
            for (var e : members.entrySet()) {
                batchStudents.add(student(e.getValue()));
                enrollments.add(new Batch.Enrollment(p + ":" + g + ":enrollment:" + e.getKey(), personId(e.getKey()), classId, yearStart, null));
            }
            for (var e : new TreeMap<>(lastRecord).entrySet()) {
                batchStudents.add(student(client.get("persons/" + e.getKey(), Map.of())));
                enrollments.add(new Batch.Enrollment(p + ":" + g + ":enrollment:" + e.getKey(), personId(e.getKey()), classId, yearStart,
                        e.getValue()));
            }
            fetched.put("formerMembers", lastRecord.size());

            var batchTeachers = new ArrayList<Batch.Teacher>();
            for (String t : teacherIds) {
                JsonNode teacher = teachers.get(t);
                if (teacher == null) throw new SourceException("Учитель " + t + " не найден в schools/" + source.remoteSchoolId() + "/teachers");
                batchTeachers.add(new Batch.Teacher(personId(t), text(teacher, "LastName", "lastName"), text(teacher, "FirstName", "firstName"),
                        blankToNull(text(teacher, "MiddleName", "middleName")), blankToNull(text(teacher, "NameTeacherPosition", "position"))));
            }

            String letter = group.path("name").asText().replaceFirst("^\\s*\\d+\\s*", "").trim();
            var year = new Batch.AcademicYear(yearId, studyYear + "/" + String.valueOf(studyYear + 1).substring(2), yearStart,
                    LocalDate.of(studyYear + 1, 6, 30));
            var schoolClass = new Batch.SchoolClass(classId, yearId, group.path("parallel").asInt(), letter.isEmpty() ? group.path("name").asText() : letter, null);
            var batch = new Batch(null, null, List.of(year), sorted(batchPeriods, Batch.Period::id), sorted(batchTeachers, Batch.Teacher::id),
                    List.copyOf(batchSubjects.values()), List.of(schoolClass), sorted(batchStudents, Batch.Student::id),
                    sorted(enrollments, Batch.Enrollment::id), null, null, null, sorted(batchLessons, Batch.Lesson::id),
                    sorted(batchMarks, Batch.Mark::id), sorted(batchAttendance, Batch.Attendance::id),
                    sorted(batchPeriodMarks, Batch.PeriodMark::id), null, null, null);
            return new ClassFetch(batch, fetched, p + ":" + g + ":mark:", p + ":" + g + ":att:", p + ":" + g + ":final:");
        }

        private boolean hasHomeworkWithoutText(JsonNode lesson) {
            for (JsonNode w : lesson.path("works")) {
                if ("Homework".equalsIgnoreCase(w.path("type").asText()) && w.path("text").asText("").isBlank()) return true;
            }
            return false;
        }

        /** The lessons' list may leave out homework texts: works?lesson= has them. */
        private List<String> homeworkTexts(JsonNode lesson) {
            var texts = new ArrayList<String>();
            for (JsonNode w : client.list("works", Map.of("lesson", lesson.path("id").asText()))) {
                if ("Homework".equalsIgnoreCase(w.path("type").asText()) && !w.path("text").asText("").isBlank()) texts.add(w.path("text").asText());
            }
            return texts;
        }

        private void note(Map<String, LocalDate> lastRecord, Map<String, JsonNode> members, String person, LocalDate day) {
            if (!members.containsKey(person)) lastRecord.merge(person, day, (a, b) -> a.isAfter(b) ? a : b);
        }

        private Batch.Student student(JsonNode person) {
            String sex = person.path("sex").asText("");
            String gender = sex.equalsIgnoreCase("Male") ? "M" : sex.equalsIgnoreCase("Female") ? "F" : null;
            return new Batch.Student(personId(person.path("id").asText()), person.path("lastName").asText(null),
                    person.path("firstName").asText(null), blankToNull(person.path("middleName").asText(null)), gender, null);
        }

        private String subjectName(JsonNode finals, String id) {
            for (JsonNode s : finals.path("subjects")) if (s.path("id").asText().equals(id)) return s.path("name").asText();
            return "Предмет " + id;
        }

        String personId(String id) {
            return p + ":person:" + id;
        }

        String subjectId(String id) {
            return p + ":subject:" + id;
        }

        String lessonId(String group, String id) {
            return p + ":" + group + ":lesson:" + id;
        }

        LocalDate date(JsonNode node, String field) {
            return dateTime(node, field).toLocalDate();
        }

        LocalDateTime dateTime(JsonNode node, String field) {
            String v = node.path(field).asText(null);
            if (v == null) throw new SourceException("В ответе Дневник.ру нет поля " + field + ": " + brief(node));
            try {
                return v.length() == 10 ? LocalDate.parse(v).atStartOfDay() : OffsetDateTime.parse(v).toLocalDateTime();
            } catch (java.time.format.DateTimeParseException offsetLess) {
                try {
                    return LocalDateTime.parse(v);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new SourceException("Дневник.ру прислал дату «" + v + "» в поле " + field + ", которая не читается");
                }
            }
        }

        OffsetDateTime offset(LocalDateTime local) {
            return local.atZone(zone).toOffsetDateTime();
        }
    }

    private static String brief(JsonNode node) {
        String s = node.toString();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String text(JsonNode node, String name, String alternative) {
        JsonNode v = node.hasNonNull(name) ? node.get(name) : node.path(alternative);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static Map<String, Object> ordered(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
