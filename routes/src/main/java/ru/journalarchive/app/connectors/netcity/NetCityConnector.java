package ru.journalarchive.app.connectors.netcity;

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
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import ru.journalarchive.app.connectors.BatchParts;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.ConnectorsProperties;
import ru.journalarchive.app.connectors.SourceCodes;
import ru.journalarchive.app.connectors.SourceConnector;
import ru.journalarchive.app.connectors.SourceCredentials;
import ru.journalarchive.app.connectors.SourceException;
import ru.journalarchive.app.connectors.SourceHttp;
import ru.journalarchive.app.connectors.SourceKind;
import ru.journalarchive.journal.ingest.Batch;

/**
 * «Сетевой город. Образование» → the push format, one class at a time. The outline comes from
 * {@code grade/journal/filter/init} (the year, classes with their terms, subject groups, teachers) and
 * {@code grade/assignment/types}; a class is the journal of each of its subject groups for each of its
 * terms ({@code grade/journal?yearId&classId&grade=-1&sgId&termId}: students, class meetings,
 * assignments with type and weight, marks, attendance with reason codes, term totals). Every term is read
 * (the totals are kept whole, like Дневник.ру's final marks); lessons, marks and absences are taken for
 * the window. Ids are the server's, prefixed ({@code netcity:person:17}, {@code netcity:<class>:mark:<assignment>:<student>}).
 * A journal whose answer lacks a part the connector needs fails the class: nothing of it is written.
 */
public final class NetCityConnector implements SourceConnector {

    private static final List<String> JOURNAL_PARTS = List.of("students", "classMeetings", "assignments", "marks", "attendance", "totals");

    private final ZoneId zone;
    private final UnaryOperator<String> environment;

    public NetCityConnector(ZoneId zone, UnaryOperator<String> environment) {
        this.zone = zone;
        this.environment = environment;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.NET_CITY;
    }

    @Override
    public void authorize(ConnectorSource source, SourceHttp http, String code) {
        throw new SourceException(NetCityClient.TITLE + " не авторизуется кодом: сервис входит под учётной записью сотрудника школы, "
                + "логин и пароль которой указаны в credentials источника (env:ПРЕФИКС или file:/путь)");
    }

    @Override
    public Session open(ConnectorSource source, SourceHttp http, SourceCodes codes) {
        var client = new NetCityClient(source, http, SourceCredentials.resolve(source.credentials(), environment, "login", "password"));
        client.login();
        JsonNode init = client.get("grade/journal/filter/init", Map.of());
        for (String part : List.of("year", "classes", "subjectGroups", "terms", "teachers"))
            if (!init.has(part)) throw shape("grade/journal/filter/init", part, client.version());
        var session = new NetCitySession(source, client, codes, init);
        for (JsonNode t : client.get("grade/assignment/types", Map.of("all", true))) session.types.put(t.path("id").asText(), t);
        for (JsonNode c : init.path("classes")) {
            String id = c.path("id").asText();
            if (!source.classes().isEmpty() && !source.classes().containsKey(id)) continue;
            session.classes.put(id, c);
        }
        // A term's grades are those of every class of the school that uses it.
        for (JsonNode c : init.path("classes")) {
            int grade = grade(c.path("name").asText());
            for (JsonNode t : c.path("termIds")) session.termGrades.compute(t.asText(), (k, g) -> BatchParts.widen(g, grade));
        }
        init.path("terms").forEach(t -> session.terms.put(t.path("id").asText(), t));
        init.path("teachers").forEach(t -> session.teachers.put(t.path("id").asText(), t));
        init.path("subjectGroups").forEach(sg -> session.groupsOf.computeIfAbsent(sg.path("classId").asText(), k -> new ArrayList<>()).add(sg));
        return session;
    }

    static SourceException shape(String where, String part, String version) {
        return new SourceException("Ответ " + where + " сервера " + NetCityClient.TITLE + " версии " + version + " не того вида: нет «" + part
                + "». Данные класса не записаны.");
    }

    static int grade(String className) {
        var m = java.util.regex.Pattern.compile("^\\s*(\\d+)").matcher(className);
        if (!m.find()) throw new SourceException("Из названия класса «" + className + "» не понять его параллель");
        return Integer.parseInt(m.group(1));
    }

    private final class NetCitySession implements Session {
        final ConnectorSource source;
        final NetCityClient client;
        final SourceCodes codes;
        final JsonNode init;
        final Map<String, JsonNode> classes = new TreeMap<>(Comparator.comparingLong(Long::parseLong));
        final Map<String, JsonNode> types = new HashMap<>();
        final Map<String, JsonNode> terms = new HashMap<>();
        final Map<String, JsonNode> teachers = new HashMap<>();
        final Map<String, List<JsonNode>> groupsOf = new HashMap<>();
        final Map<String, int[]> termGrades = new HashMap<>();
        final String p;

        NetCitySession(ConnectorSource source, NetCityClient client, SourceCodes codes, JsonNode init) {
            this.source = source;
            this.client = client;
            this.codes = codes;
            this.init = init;
            this.p = source.idPrefix();
        }

        @Override
        public List<RemoteClass> classes() {
            var out = new ArrayList<RemoteClass>();
            classes.forEach((id, c) -> out.add(new RemoteClass(id, source.classes().getOrDefault(id, p + ":class:" + id), c.path("name").asText(),
                    c.path("termIds").isEmpty() ? "У класса нет учебных периодов в grade/journal/filter/init" : null)));
            return out;
        }

        @Override
        public ClassFetch fetch(RemoteClass rc, LocalDate from, LocalDate to) {
            String c = rc.remoteId();
            JsonNode schoolClass = classes.get(c);
            JsonNode year = init.path("year");
            String yearId = year.path("id").asText();
            LocalDate yearStart = date(year, "startDate");
            String k = p + ":" + c + ":";
            var fetched = new LinkedHashMap<String, Integer>();

            var batchPeriods = new ArrayList<Batch.Period>();
            var batchSubjects = new TreeMap<String, Batch.Subject>();
            var batchLessons = new ArrayList<Batch.Lesson>();
            var batchMarks = new ArrayList<Batch.Mark>();
            var batchAttendance = new ArrayList<Batch.Attendance>();
            var batchTotals = new TreeMap<String, Batch.PeriodMark>();
            var students = new TreeMap<String, JsonNode>();
            var membership = new HashMap<String, LocalDate[]>();
            var teacherIds = new LinkedHashSet<String>();
            int journals = 0, meetings = 0, assignments = 0, marks = 0, absences = 0, totals = 0;

            for (JsonNode t : schoolClass.path("termIds")) {
                JsonNode term = terms.get(t.asText());
                if (term == null) throw new SourceException("Учебный период " + t.asText() + " класса " + rc.name() + " не найден в filter/init");
                String kind = codes.periodType(term.path("type").asText());
                int[] grades = termGrades.get(t.asText());
                batchPeriods.add(new Batch.Period(periodId(t.asText()), yearId, kind, term.path("number").asInt(), grades[0], grades[1],
                        date(term, "startDate"), date(term, "endDate")));
            }
            for (JsonNode sg : groupsOf.getOrDefault(c, List.of())) {
                String subjectId = p + ":subject:" + sg.path("subject").path("id").asText();
                batchSubjects.put(subjectId, new Batch.Subject(subjectId, sg.path("subject").path("name").asText(), null));
                for (JsonNode t : schoolClass.path("termIds")) {
                    var query = new LinkedHashMap<String, Object>();
                    query.put("yearId", yearId);
                    query.put("classId", c);
                    query.put("grade", -1);
                    query.put("sgId", sg.path("id").asText());
                    query.put("termId", t.asText());
                    JsonNode journal = client.get("grade/journal", query);
                    for (String part : JOURNAL_PARTS) if (!journal.path(part).isArray()) throw shape("grade/journal", part, client.version());
                    if (!journal.has("markSettings")) throw shape("grade/journal", "markSettings", client.version());
                    journals++;

                    for (JsonNode s : journal.path("students")) {
                        String id = s.path("id").asText();
                        students.put(id, s);
                        LocalDate in = s.hasNonNull("enrollDate") ? date(s, "enrollDate") : yearStart;
                        LocalDate out = s.hasNonNull("leaveDate") ? date(s, "leaveDate") : null;
                        membership.merge(id, new LocalDate[] {in, out}, (a, b) -> new LocalDate[] {a[0].isBefore(b[0]) ? a[0] : b[0],
                                a[1] == null || b[1] == null ? null : a[1].isAfter(b[1]) ? a[1] : b[1]});
                    }
                    // Assignments by class meeting, in id order: homework texts and the lesson's kind of control.
                    var byMeeting = new HashMap<String, List<JsonNode>>();
                    var assignmentById = new HashMap<String, JsonNode>();
                    for (JsonNode a : journal.path("assignments")) {
                        assignmentById.put(a.path("id").asText(), a);
                        byMeeting.computeIfAbsent(a.path("classMeetingId").asText(), x -> new ArrayList<>()).add(a);
                    }
                    assignments += assignmentById.size();
                    var meetingDays = new HashMap<String, LocalDate>();
                    for (JsonNode cm : journal.path("classMeetings")) {
                        LocalDate day = date(cm, "day");
                        meetingDays.put(cm.path("id").asText(), day);
                        if (day.isBefore(from) || day.isAfter(to)) continue;
                        meetings++;
                        String teacher = cm.hasNonNull("teacherId") ? cm.path("teacherId").asText() : sg.path("teacherId").asText(null);
                        if (teacher == null) throw new SourceException("У урока " + cm.path("id").asText() + " не указан учитель");
                        teacherIds.add(teacher);
                        var homework = new ArrayList<String>();
                        String controlType = null;
                        var own = sorted(byMeeting.getOrDefault(cm.path("id").asText(), List.of()), a -> String.format("%020d", a.path("id").asLong()));
                        for (JsonNode a : own) {
                            JsonNode type = type(a);
                            String code = codes.workType(type.path("name").asText(null), type.path("abbr").asText(null), type.path("id").asText());
                            if (code.equals("ДЗ") && !a.path("assignmentName").asText("").isBlank()) homework.add(a.path("assignmentName").asText());
                            else if (!code.equals("О") && !code.equals("ДЗ") && controlType == null) controlType = type.path("name").asText();
                        }
                        batchLessons.add(new Batch.Lesson(k + "lesson:" + cm.path("id").asText(), rc.classId(), null, subjectId, personId(teacher),
                                null, day, cm.path("number").isNumber() ? cm.path("number").asInt() : null,
                                blankToNull(cm.path("lessonTheme").asText(null)), homework.isEmpty() ? null : String.join("; ", homework),
                                controlType, !"NotConducted".equals(cm.path("status").asText()), null, null, null, null, null));
                    }
                    for (JsonNode m : journal.path("marks")) {
                        JsonNode a = assignmentById.get(m.path("assignmentId").asText());
                        if (a == null) throw new SourceException("Отметка ученика " + m.path("studentId").asText() + " относится к заданию "
                                + m.path("assignmentId").asText() + ", которого нет в журнале (sgId " + sg.path("id").asText() + ")");
                        LocalDate day = meetingDays.get(a.path("classMeetingId").asText());
                        if (day == null) throw new SourceException("Задание " + a.path("id").asText() + " относится к уроку, которого нет в журнале");
                        if (day.isBefore(from) || day.isAfter(to)) continue;
                        marks++;
                        JsonNode type = type(a);
                        String id = a.path("id").asText() + ":" + m.path("studentId").asText();
                        int weight = a.path("weight").asInt(0);
                        batchMarks.add(new Batch.Mark(k + "mark:" + id, k + "lesson:" + a.path("classMeetingId").asText(),
                                personId(m.path("studentId").asText()), codes.mark(m.path("mark").asText(), "отметка " + id),
                                codes.workType(type.path("name").asText(null), type.path("abbr").asText(null), type.path("id").asText()),
                                weight > 0 ? BigDecimal.valueOf(weight) : BigDecimal.ONE, entered(m, day)));
                    }
                    for (JsonNode at : journal.path("attendance")) {
                        String meeting = at.path("classMeetingId").asText();
                        LocalDate day = meetingDays.get(meeting);
                        if (day == null) throw new SourceException("Отметка посещаемости относится к уроку " + meeting + ", которого нет в журнале");
                        if (day.isBefore(from) || day.isAfter(to)) continue;
                        String code = codes.attendance(at.path("reasonCode").asText());
                        if (code.isEmpty()) continue;
                        absences++;
                        String student = at.path("studentId").asText();
                        batchAttendance.add(new Batch.Attendance(k + "att:" + meeting + ":" + student, k + "lesson:" + meeting, personId(student),
                                code, entered(at, day)));
                    }
                    for (JsonNode total : journal.path("totals")) {
                        totals++;
                        String type = total.path("type").asText();
                        String kind = codes.finalKind(type, type);
                        String period = null;
                        String student = total.path("studentId").asText();
                        String id = k + "final:" + sg.path("id").asText() + ":" + student + ":" + type;
                        if (kind.equals("PERIOD")) {
                            kind = codes.periodType(terms.get(t.asText()).path("type").asText());
                            period = periodId(t.asText());
                            id += ":" + t.asText();
                        }
                        batchTotals.put(id, new Batch.PeriodMark(id, personId(student), subjectId, yearId, kind, period,
                                codes.mark(total.path("mark").asText(), "итоговая отметка " + id), entered(total, date(terms.get(t.asText()), "endDate"))));
                    }
                }
            }
            fetched.put("journals", journals);
            fetched.put("students", students.size());
            fetched.put("classMeetings", meetings);
            fetched.put("assignments", assignments);
            fetched.put("marks", marks);
            fetched.put("attendance", absences);
            fetched.put("totals", totals);

            var batchStudents = new ArrayList<Batch.Student>();
            var enrollments = new ArrayList<Batch.Enrollment>();
            students.forEach((id, s) -> {
                String sex = s.path("sex").asText("");
                batchStudents.add(new Batch.Student(personId(id), s.path("lastName").asText(null), s.path("firstName").asText(null),
                        blankToNull(s.path("middleName").asText(null)), sex.equalsIgnoreCase("male") ? "M" : sex.equalsIgnoreCase("female") ? "F" : null,
                        s.hasNonNull("birthDate") ? date(s, "birthDate") : null));
                LocalDate[] m = membership.get(id);
                enrollments.add(new Batch.Enrollment(k + "enrollment:" + id, personId(id), rc.classId(), m[0], m[1]));
            });
            var batchTeachers = new ArrayList<Batch.Teacher>();
            for (String t : teacherIds) {
                JsonNode teacher = teachers.get(t);
                if (teacher == null) throw new SourceException("Учитель " + t + " не найден в grade/journal/filter/init");
                batchTeachers.add(new Batch.Teacher(personId(t), teacher.path("lastName").asText(null), teacher.path("firstName").asText(null),
                        blankToNull(teacher.path("middleName").asText(null)), blankToNull(teacher.path("position").asText(null))));
            }
            String name = schoolClass.path("name").asText();
            String letter = name.replaceFirst("^\\s*\\d+\\s*", "").trim();
            var academicYear = new Batch.AcademicYear(yearId, year.path("name").asText(), yearStart, date(year, "endDate"));
            var batchClass = new Batch.SchoolClass(rc.classId(), yearId, grade(name), letter.isEmpty() ? name : letter, null);
            var batch = new Batch(null, null, List.of(academicYear), sorted(batchPeriods, Batch.Period::id), sorted(batchTeachers, Batch.Teacher::id),
                    List.copyOf(batchSubjects.values()), List.of(batchClass), sorted(batchStudents, Batch.Student::id),
                    sorted(enrollments, Batch.Enrollment::id), null, null, null, sorted(batchLessons, Batch.Lesson::id),
                    sorted(batchMarks, Batch.Mark::id), sorted(batchAttendance, Batch.Attendance::id), List.copyOf(batchTotals.values()),
                    null, null, null);
            return new ClassFetch(batch, fetched, k + "mark:", k + "att:", k + "final:");
        }

        JsonNode type(JsonNode assignment) {
            JsonNode type = types.get(assignment.path("typeId").asText());
            if (type == null) throw new SourceException("Тип задания " + assignment.path("typeId").asText() + " (задание "
                    + assignment.path("id").asText() + ") отсутствует в grade/assignment/types");
            return type;
        }

        String personId(String id) {
            return p + ":person:" + id;
        }

        String periodId(String term) {
            return p + ":period:" + term;
        }

        /** When the record was entered; a server that does not say gets the lesson's day (start of day, local time). */
        OffsetDateTime entered(JsonNode node, LocalDate day) {
            String v = node.path("entered").asText("");
            if (v.matches(".*(Z|[+-]\\d\\d:\\d\\d)$")) {
                try {
                    return OffsetDateTime.parse(v);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new SourceException(NetCityClient.TITLE + " прислал дату «" + v + "» в поле entered, которая не читается");
                }
            }
            return (v.isEmpty() ? day.atStartOfDay() : dateTime(node, "entered")).atZone(zone).toOffsetDateTime();
        }
    }

    static LocalDate date(JsonNode node, String field) {
        return dateTime(node, field).toLocalDate();
    }

    static LocalDateTime dateTime(JsonNode node, String field) {
        String v = node.path(field).asText(null);
        if (v == null) throw new SourceException("В ответе " + NetCityClient.TITLE + " нет поля " + field);
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new SourceException(NetCityClient.TITLE + " прислал дату «" + v + "» в поле " + field + ", которая не читается");
        }
    }
}
