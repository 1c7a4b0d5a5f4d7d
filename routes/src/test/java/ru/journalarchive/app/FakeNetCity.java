package ru.journalarchive.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.ingest.Batch;

/**
 * A «Сетевой город. Образование» server's /webapi on loopback serving a generated school year. Built
 * from the public shapes (nm17/netschoolapi, kmlebedev/netcitybot's swagger.yaml): logindata (version,
 * schoolLogin), auth/getdata (lt, ver, salt), login (form; pw2 = md5(salt + md5(password in
 * windows-1251)), pw its prefix; 409 on a wrong login or password; the session key {@code at}, required
 * as a header afterwards), grade/assignment/types (id, name, abbr). The teacher's journal is not in those
 * sources: grade/journal/filter/init and grade/journal here are this project's reading of them
 * (unconfirmed): classes with their termIds, subject groups, terms, teachers, the year; per subject group
 * and term the students (with enrollDate/leaveDate), classMeetings (day, number, teacherId, lessonTheme),
 * assignments (classMeetingId, typeId, weight, assignmentName — a homework's text), marks (assignmentId,
 * studentId, mark, entered), attendance (reasonCode Н/Б/УП/ОП), totals (Term/Year/Exam/Final) and markSettings.
 * Tests change marks, the version, and inject faults.
 */
final class FakeNetCity implements AutoCloseable {

    static final String SCHOOL = "1042";
    static final String LOGIN = "ЗавучПетроваАА";
    static final String PASSWORD = "Журнал-2025!";
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final ZoneId MSK = ZoneId.of("Europe/Moscow");
    private static final Map<String, String> REASON = Map.of("н", "Н", "б", "Б", "у", "УП", "о", "ОП");
    /** Assignment types: the generator's work type → id, name. */
    private static final Map<String, Object[]> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("О", new Object[] {1L, "Ответ на уроке"});
        TYPES.put("ДЗ", new Object[] {3L, "Домашнее задание"});
        TYPES.put("С", new Object[] {5L, "Самостоятельная работа"});
        TYPES.put("К", new Object[] {7L, "Контрольная работа"});
        TYPES.put("Д", new Object[] {9L, "Диктант"});
    }

    private record Assignment(long id, String lessonId, String type, int weight, String name, List<String> marks) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, Long> ids = new HashMap<>();
    private final Map<Long, String> reverse = new HashMap<>();
    private final Batch.AcademicYear year;
    private final Map<String, Batch.SchoolClass> classes = new LinkedHashMap<>();
    private final Map<String, Batch.Student> students = new HashMap<>();
    private final Map<String, Batch.Teacher> teachers = new LinkedHashMap<>();
    private final Map<String, Batch.Subject> subjects = new HashMap<>();
    private final List<Batch.Period> periods = new ArrayList<>();
    private final List<Batch.Enrollment> enrollments = new ArrayList<>();
    /** Subject groups: class → subject → teacher. */
    private final Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    private final Map<String, List<Batch.Lesson>> lessonsOfClass = new HashMap<>();
    private final Map<String, List<Assignment>> assignmentsOfLesson = new HashMap<>();
    /** Marks by id, changed by the tests. */
    final Map<String, Batch.Mark> marks = new ConcurrentHashMap<>();
    private final Map<String, List<Batch.Attendance>> absencesOfLesson = new HashMap<>();
    private final List<Batch.PeriodMark> periodMarks = new ArrayList<>();

    volatile String version = "5.10.63221";
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, String> salts = new ConcurrentHashMap<>();
    private final AtomicInteger serial = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger logins = new AtomicInteger();
    private final List<String[]> faults = new CopyOnWriteArrayList<>();

    FakeNetCity(DemoData demo) throws IOException {
        year = demo.batches().get(0).academicYears().get(0);
        var periodMarkSubjects = new HashMap<String, Set<String>>();
        for (Batch b : demo.batches()) {
            b.classes().forEach(c -> classes.put(c.id(), c));
            b.students().forEach(s -> students.put(s.id(), s));
            b.teachers().forEach(t -> teachers.put(t.id(), t));
            b.subjects().forEach(s -> subjects.put(s.id(), s));
            periods.addAll(b.periods());
            for (Batch.Enrollment e : b.enrollments()) {
                enrollments.removeIf(x -> x.id().equals(e.id()));
                enrollments.add(e);
            }
            b.curriculum().forEach(c -> groups.computeIfAbsent(c.classId(), k -> new LinkedHashMap<>()).put(c.subjectId(), c.teacherId()));
            for (Batch.Lesson l : b.lessons()) {
                lessonsOfClass.computeIfAbsent(l.classId(), k -> new ArrayList<>()).add(l);
                groups.computeIfAbsent(l.classId(), k -> new LinkedHashMap<>()).putIfAbsent(l.subjectId(), l.teacherId());
            }
            b.marks().forEach(m -> marks.put(m.id(), m));
            b.attendance().forEach(a -> absencesOfLesson.computeIfAbsent(a.lessonId(), k -> new ArrayList<>()).add(a));
            periodMarks.addAll(b.periodMarks());
        }
        for (Batch.PeriodMark pm : periodMarks) {
            String c = classOn(pm.studentId(), pm.enteredAt().toLocalDate());
            if (c != null) groups.computeIfAbsent(c, k -> new LinkedHashMap<>()).putIfAbsent(pm.subjectId(), null);
        }
        // Ids, numbered once (the reverse map serves the requests' ids).
        classes.keySet().forEach(this::id);
        students.keySet().stream().sorted().forEach(this::id);
        teachers.keySet().forEach(this::id);
        subjects.keySet().stream().sorted().forEach(this::id);
        periods.forEach(p -> id(p.id()));
        groups.forEach((c, s) -> s.keySet().forEach(subject -> id(c + "|" + subject)));
        var marksOfLesson = new HashMap<String, List<Batch.Mark>>();
        marks.values().stream().sorted(Comparator.comparing(Batch.Mark::id))
                .forEach(m -> marksOfLesson.computeIfAbsent(m.lessonId(), k -> new ArrayList<>()).add(m));
        for (List<Batch.Lesson> list : lessonsOfClass.values()) {
            list.sort(Comparator.comparing(Batch.Lesson::date).thenComparing(l -> l.number() == null ? 0 : l.number()).thenComparing(Batch.Lesson::id));
            for (Batch.Lesson l : list) {
                id(l.id());
                assignmentsOfLesson.put(l.id(), assignments(l, marksOfLesson.getOrDefault(l.id(), List.of())));
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/webapi/", this::handle);
        server.start();
    }

    /** A journal cell holds one mark: a student's second mark of a kind at a lesson goes to a second assignment of that kind. */
    private List<Assignment> assignments(Batch.Lesson l, List<Batch.Mark> ofLesson) {
        var out = new ArrayList<Assignment>();
        var taken = new HashMap<Long, Set<String>>();
        if (l.homework() != null) out.add(new Assignment(id(l.id() + "|ДЗ|0"), l.id(), "ДЗ", 1, l.homework(), new ArrayList<>()));
        for (Batch.Mark m : ofLesson) {
            Assignment into = out.stream().filter(a -> a.type().equals(m.workType())
                    && !taken.computeIfAbsent(a.id(), k -> new java.util.HashSet<>()).contains(m.studentId())).findFirst().orElse(null);
            if (into == null) {
                long n = out.stream().filter(a -> a.type().equals(m.workType())).count();
                into = new Assignment(id(l.id() + "|" + m.workType() + "|" + n), l.id(), m.workType(), m.weight() == null ? 1 : m.weight().intValue(),
                        m.workType().equals("ДЗ") ? "" : (String) TYPES.get(m.workType())[1], new ArrayList<>());
                out.add(into);
            }
            into.marks().add(m.id());
            taken.computeIfAbsent(into.id(), k -> new java.util.HashSet<>()).add(m.studentId());
        }
        return out;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long id(String sourceId) {
        Long id = ids.get(sourceId);
        if (id == null) {
            id = 100_000L + ids.size();
            ids.put(sourceId, id);
            reverse.put(id, sourceId);
        }
        return id;
    }

    List<String> classIds() {
        return new ArrayList<>(classes.keySet());
    }

    // --- what the tests change ---

    void setMarkValue(String markId, String value) {
        marks.computeIfPresent(markId, (k, m) -> new Batch.Mark(m.id(), m.lessonId(), m.studentId(), value, m.workType(), m.weight(), m.enteredAt()));
    }

    /** The first mark of the class (in lesson order). */
    String firstMarkOf(String classId) {
        for (Batch.Lesson l : lessonsOfClass.get(classId))
            for (Assignment a : assignmentsOfLesson.get(l.id())) for (String m : a.marks()) if (marks.containsKey(m)) return m;
        throw new IllegalStateException("no mark in " + classId);
    }

    /** The pulled id of a mark: netcity:<class>:mark:<assignment>:<student>. */
    String pulledMark(String markId) {
        Batch.Mark m = marks.get(markId);
        for (Batch.Lesson l : lessonsOfClass.values().stream().flatMap(List::stream).filter(x -> x.id().equals(m.lessonId())).toList())
            for (Assignment a : assignmentsOfLesson.get(l.id()))
                if (a.marks().contains(markId)) return "netcity:" + id(l.classId()) + ":mark:" + a.id() + ":" + id(m.studentId());
        throw new IllegalStateException(markId);
    }

    /** The class's last subject group and last term: a journal read late in the class's pull. */
    String lastJournalOf(String classId) {
        var sgs = new ArrayList<>(groups.get(classId).keySet());
        var terms = termsOf(classes.get(classId).grade());
        return "sgId=" + id(classId + "|" + sgs.get(sgs.size() - 1)) + "&termId=" + id(terms.get(terms.size() - 1).id());
    }

    /** Requests whose path and query contain {@code fragment} answer with this status. */
    void fault(String fragment, int status) {
        faults.add(new String[] {fragment, String.valueOf(status)});
    }

    void clearFaults() {
        faults.clear();
    }

    // --- the API ---

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath().substring("/webapi/".length());
            String raw = exchange.getRequestURI().getRawQuery();
            String full = path + (raw == null ? "" : "?" + raw);
            for (String[] f : faults) {
                if (full.contains(f[0])) {
                    send(exchange, Integer.parseInt(f[1]), "{\"message\":\"Внутренняя ошибка сервера\"}");
                    return;
                }
            }
            switch (path) {
                case "logindata" -> {
                    send(exchange, 200, json.writeValueAsString(json.createObjectNode().put("productName", "Сетевой город. Образование")
                            .put("version", version).put("schoolLogin", true).put("emLogin", false).put("esiaLogin", true)
                            .put("esiaMainAuth", false).put("esiaButton", true).put("cacheVer", "768253229")));
                    return;
                }
                case "auth/getdata" -> {
                    String lt = String.valueOf(1_073_163_840L + serial.incrementAndGet());
                    String salt = String.valueOf(1_458_933_352L + serial.get() * 7L);
                    salts.put(lt, salt);
                    send(exchange, 200, json.writeValueAsString(json.createObjectNode().put("lt", lt).put("ver", "768253229").put("salt", salt)));
                    return;
                }
                case "login" -> {
                    login(exchange);
                    return;
                }
                default -> { }
            }
            String at = exchange.getRequestHeaders().getFirst("at");
            if (at == null || !sessions.contains(at)) {
                send(exchange, 401, "{\"message\":\"Сеанс завершён\"}");
                return;
            }
            Map<String, String> q = form(raw);
            Object body = switch (path) {
                case "grade/journal/filter/init" -> filterInit();
                case "grade/assignment/types" -> assignmentTypes();
                case "grade/journal" -> journal(q);
                default -> null;
            };
            if (body == null) {
                send(exchange, 404, "{\"message\":\"Не найдено: " + path + "\"}");
                return;
            }
            send(exchange, 200, json.writeValueAsString(body));
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(exchange, 500, "{\"message\":\"Внутренняя ошибка\"}");
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        logins.incrementAndGet();
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String salt = salts.remove(f.getOrDefault("lt", ""));
        String pw2 = salt == null ? null : md5((salt + md5(PASSWORD.getBytes(WINDOWS_1251))).getBytes(StandardCharsets.UTF_8));
        boolean ok = pw2 != null && "1".equals(f.get("loginType")) && SCHOOL.equals(f.get("scid")) && LOGIN.equals(f.get("un"))
                && pw2.equals(f.get("pw2")) && pw2.substring(0, PASSWORD.length()).equals(f.get("pw")) && "768253229".equals(f.get("ver"));
        if (!ok) {
            send(exchange, 409, "{\"message\":\"Неправильный пароль или имя пользователя\"}");
            return;
        }
        String at = "00" + (168638015429814024L + serial.incrementAndGet());
        sessions.add(at);
        var answer = json.createObjectNode().put("at", at).put("timeOut", 900000).put("tokenType", "Bearer").put("entryPoint", "/angular/school/main/");
        answer.putObject("accountInfo").putObject("currentOrganization").put("id", Long.parseLong(SCHOOL)).put("name", "МБОУ СОШ № 17");
        send(exchange, 200, json.writeValueAsString(answer));
    }

    private List<Batch.Period> termsOf(int grade) {
        return periods.stream().filter(p -> grade >= p.gradeFrom() && grade <= p.gradeTo())
                .sorted(Comparator.comparing(Batch.Period::startDate)).toList();
    }

    private ObjectNode filterInit() {
        ObjectNode init = json.createObjectNode();
        init.putObject("year").put("id", Integer.parseInt(year.id())).put("name", year.name()).put("startDate", year.startDate() + "T00:00:00")
                .put("endDate", year.endDate() + "T00:00:00");
        ArrayNode classesNode = init.putArray("classes");
        for (Batch.SchoolClass c : classes.values()) {
            ObjectNode n = classesNode.addObject().put("id", id(c.id())).put("name", c.grade() + c.letter());
            ArrayNode terms = n.putArray("termIds");
            termsOf(c.grade()).forEach(p -> terms.add(id(p.id())));
        }
        ArrayNode sgs = init.putArray("subjectGroups");
        groups.forEach((c, bySubject) -> bySubject.forEach((s, teacher) -> {
            ObjectNode sg = sgs.addObject().put("id", id(c + "|" + s)).put("name", classes.get(c).grade() + classes.get(c).letter() + "/" + subjects.get(s).name())
                    .put("classId", id(c));
            if (teacher != null) sg.put("teacherId", id(teacher));
            sg.putObject("subject").put("id", id(s)).put("name", subjects.get(s).name());
        }));
        ArrayNode terms = init.putArray("terms");
        for (Batch.Period p : periods) {
            terms.addObject().put("id", id(p.id())).put("name", p.number() + (p.kind().equals("QUARTER") ? " четверть" : " полугодие"))
                    .put("type", p.kind().equals("QUARTER") ? "Quarter" : p.kind().equals("HALF_YEAR") ? "HalfYear" : "Trimester")
                    .put("number", p.number()).put("startDate", p.startDate() + "T00:00:00").put("endDate", p.endDate() + "T00:00:00");
        }
        ArrayNode teachersNode = init.putArray("teachers");
        for (Batch.Teacher t : teachers.values()) {
            teachersNode.addObject().put("id", id(t.id())).put("lastName", t.lastName()).put("firstName", t.firstName())
                    .put("middleName", t.middleName()).put("position", t.position());
        }
        return init;
    }

    private ArrayNode assignmentTypes() {
        ArrayNode a = json.createArrayNode();
        int order = 0;
        for (var e : TYPES.entrySet())
            a.addObject().put("abbr", e.getKey()).put("order", ++order).put("id", (Long) e.getValue()[0]).put("name", (String) e.getValue()[1]);
        return a;
    }

    private ObjectNode journal(Map<String, String> q) {
        String c = back(q.get("classId"));
        String sg = back(q.get("sgId"));
        String term = back(q.get("termId"));
        if (c == null || sg == null || term == null || !sg.startsWith(c + "|") || !String.valueOf(Integer.parseInt(year.id())).equals(q.get("yearId")))
            return null;
        String subject = sg.substring(c.length() + 1);
        List<Batch.Period> classTerms = termsOf(classes.get(c).grade());
        Batch.Period p = classTerms.stream().filter(x -> x.id().equals(term)).findFirst().orElse(null);
        if (p == null) return null;
        boolean lastTerm = classTerms.get(classTerms.size() - 1).id().equals(term);
        ObjectNode j = json.createObjectNode();
        ArrayNode studentsNode = j.putArray("students");
        enrollments.stream().filter(e -> e.classId().equals(c) && !e.dateFrom().isAfter(p.endDate())
                        && (e.dateTo() == null || !e.dateTo().isBefore(p.startDate())))
                .sorted(Comparator.comparing(Batch.Enrollment::studentId)).forEach(e -> {
                    Batch.Student s = students.get(e.studentId());
                    ObjectNode n = studentsNode.addObject().put("id", id(s.id())).put("lastName", s.lastName()).put("firstName", s.firstName())
                            .put("middleName", s.middleName()).put("sex", "M".equals(s.gender()) ? "male" : "female")
                            .put("enrollDate", e.dateFrom() + "T00:00:00");
                    if (s.birthDate() != null) n.put("birthDate", s.birthDate() + "T00:00:00");
                    if (e.dateTo() != null) n.put("leaveDate", e.dateTo() + "T00:00:00");
                });
        ArrayNode meetings = j.putArray("classMeetings");
        ArrayNode assignmentsNode = j.putArray("assignments");
        ArrayNode marksNode = j.putArray("marks");
        ArrayNode attendance = j.putArray("attendance");
        for (Batch.Lesson l : lessonsOfClass.getOrDefault(c, List.of())) {
            if (!l.subjectId().equals(subject) || l.date().isBefore(p.startDate()) || l.date().isAfter(p.endDate())) continue;
            ObjectNode cm = meetings.addObject().put("id", id(l.id())).put("day", l.date() + "T00:00:00").put("number", l.number())
                    .put("teacherId", id(l.substituteTeacherId() != null ? l.substituteTeacherId() : l.teacherId()))
                    .put("status", Boolean.FALSE.equals(l.tookPlace()) ? "NotConducted" : "Conducted");
            if (l.topic() != null) cm.put("lessonTheme", l.topic());
            for (Assignment a : assignmentsOfLesson.get(l.id())) {
                assignmentsNode.addObject().put("id", a.id()).put("classMeetingId", id(l.id())).put("typeId", (Long) TYPES.get(a.type())[0])
                        .put("weight", a.weight()).put("assignmentName", a.name()).put("dueDate", l.date() + "T00:00:00");
                for (String mid : a.marks()) {
                    Batch.Mark m = marks.get(mid);
                    if (m == null) continue;
                    marksNode.addObject().put("assignmentId", a.id()).put("studentId", id(m.studentId())).put("mark", value(m.value()))
                            .put("dutyMark", false).put("entered", local(m.enteredAt()));
                }
            }
            for (Batch.Attendance at : absencesOfLesson.getOrDefault(l.id(), List.of())) {
                attendance.addObject().put("classMeetingId", id(l.id())).put("studentId", id(at.studentId())).put("reasonCode", REASON.get(at.code()))
                        .put("entered", local(at.enteredAt()));
            }
        }
        ArrayNode totals = j.putArray("totals");
        for (Batch.PeriodMark pm : periodMarks) {
            if (!pm.subjectId().equals(subject) || !c.equals(classOn(pm.studentId(), pm.enteredAt().toLocalDate()))) continue;
            boolean here = pm.periodId() != null ? pm.periodId().equals(term) : lastTerm;
            if (!here) continue;
            totals.addObject().put("studentId", id(pm.studentId())).put("type", switch (pm.kind()) {
                case "YEAR" -> "Year";
                case "EXAM" -> "Exam";
                case "FINAL" -> "Final";
                default -> "Term";
            }).put("mark", value(pm.value())).put("entered", local(pm.enteredAt()));
        }
        j.putObject("markSettings").put("maxMark", 5).put("weight", true).put("averageMarkType", "Weighted");
        return j;
    }

    private static String value(String ours) {
        return switch (ours) {
            case "зач" -> "зч";
            case "незач" -> "нз";
            default -> ours;
        };
    }

    private static String local(OffsetDateTime t) {
        return t.atZoneSameInstant(MSK).toLocalDateTime().toString();
    }

    private String classOn(String studentId, LocalDate day) {
        return enrollments.stream().filter(e -> e.studentId().equals(studentId) && !e.dateFrom().isAfter(day)
                && (e.dateTo() == null || !e.dateTo().isBefore(day))).map(Batch.Enrollment::classId).findFirst().orElse(null);
    }

    private String back(String id) {
        try {
            return id == null ? null : reverse.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        var q = new HashMap<String, String>();
        if (raw == null || raw.isEmpty()) return q;
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            if (i > 0) q.put(URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
