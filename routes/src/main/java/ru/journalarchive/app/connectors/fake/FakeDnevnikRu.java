package ru.journalarchive.app.connectors.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.ingest.Batch;

/**
 * A fake of Дневник.ру's server, not the vendor's code: for {@code bench connectors} and the connector's tests only,
 * never used by the service. A Дневник.ру partner API v2.0 on loopback serving a generated school year, built from the documented
 * response shapes (edu-groups, persons, subjects, reporting-periods, lessons with works and teachers,
 * marks with value/work/lesson/workType/date, lesson-log-entries with Attend/Absent/Ill/Late/Pass,
 * works?lesson=, work-types, final-marks, schools/{s}/teachers) and its OAuth2 token endpoint. The
 * generator's string ids become numbers. Tests change marks and inject faults (status, delay, broken JSON).
 */
public final class FakeDnevnikRu implements AutoCloseable {

    public static final String SCHOOL = "1000000042";
    public static final String CLIENT_ID = "3f1c0a52-7a4e-4f27-9a3b-0c2f5d6e7a81";
    public static final String CLIENT_SECRET = "b9d2e4f6-1a3c-4e5f-8a7b-9c0d1e2f3a4b";
    public static final String AUTH_CODE = "code-from-the-oauth-dialog";
    private static final ZoneId MSK = ZoneId.of("Europe/Moscow");
    private static final Map<String, String> STATUS = Map.of("н", "Absent", "б", "Ill", "у", "Pass", "о", "Late");
    /** Work types of the school: id, title, weight; the generator's codes map onto them. */
    private static final Map<String, Object[]> WORK_TYPES = new LinkedHashMap<>();

    static {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm and the client's delayed ACK
        // each answer then waited about 40 ms, which a benchmark would have measured instead of the connector. Read once,
        // when the JVM's first such server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        WORK_TYPES.put("О", new Object[] {101L, "Ответ на уроке", 1});
        WORK_TYPES.put("ДЗ", new Object[] {102L, "Домашнее задание", 1});
        WORK_TYPES.put("С", new Object[] {103L, "Самостоятельная работа", 1});
        WORK_TYPES.put("К", new Object[] {104L, "Контрольная работа", 2});
        WORK_TYPES.put("Д", new Object[] {105L, "Диктант", 2});
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final Map<String, Batch.SchoolClass> classes = new LinkedHashMap<>();
    private final Map<String, Batch.Student> students = new HashMap<>();
    private final Map<String, Batch.Teacher> teachers = new LinkedHashMap<>();
    private final Map<String, Batch.Subject> subjects = new HashMap<>();
    private final List<Batch.Period> periods = new ArrayList<>();
    private final List<Batch.Enrollment> enrollments = new ArrayList<>();
    /** By student: a scan of every enrollment per period mark made a demo-sized school's final-marks slow. */
    private final Map<String, List<Batch.Enrollment>> enrollmentsOf = new HashMap<>();
    private final Map<String, List<String>> subjectsOfClass = new HashMap<>();
    private final Map<String, List<Batch.Lesson>> lessonsOfClass = new HashMap<>();
    private final Map<String, Batch.Lesson> lessons = new HashMap<>();
    /** Marks by id, changed by the tests. */
    public final Map<String, Batch.Mark> marks = new ConcurrentHashMap<>();
    private final Map<String, List<String>> marksOfLesson = new HashMap<>();
    private final Map<String, List<Batch.Attendance>> absencesOfLesson = new HashMap<>();
    private final List<Batch.PeriodMark> periodMarks = new ArrayList<>();
    private final Map<String, String> extraWorkTypes = new ConcurrentHashMap<>(); // mark id -> title of a work type the school added

    private final AtomicInteger tokenSerial = new AtomicInteger();
    /** Valid access tokens with their uses so far; valid refresh tokens (each used once: rotated). */
    private final Map<String, AtomicInteger> accessTokens = new ConcurrentHashMap<>();
    private final java.util.Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private volatile String lastRefreshToken;
    volatile int accessTokenLifetime = Integer.MAX_VALUE;
    public final AtomicInteger refreshGrants = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    private record Fault(Predicate<String> matches, int status, long delayMillis, boolean malformed) {}

    public FakeDnevnikRu(DemoData demo) throws IOException {
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
            b.curriculum().forEach(c -> subjectsOfClass.computeIfAbsent(c.classId(), k -> new ArrayList<>()).add(c.subjectId()));
            for (Batch.Lesson l : b.lessons()) {
                lessons.put(l.id(), l);
                lessonsOfClass.computeIfAbsent(l.classId(), k -> new ArrayList<>()).add(l);
            }
            for (Batch.Mark m : b.marks()) {
                marks.put(m.id(), m);
                marksOfLesson.computeIfAbsent(m.lessonId(), k -> new ArrayList<>()).add(m.id());
            }
            b.attendance().forEach(a -> absencesOfLesson.computeIfAbsent(a.lessonId(), k -> new ArrayList<>()).add(a));
            periodMarks.addAll(b.periodMarks());
        }
        enrollments.forEach(e -> enrollmentsOf.computeIfAbsent(e.studentId(), k -> new ArrayList<>()).add(e));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/v2.0/", this::handle);
        server.start();
    }

    /** A properties file with the partner client's id and secret, as a source's {@code file:} credentials name it. */
    public static java.nio.file.Path clientSecretFile() throws IOException {
        var file = java.nio.file.Files.createTempFile("dnevnik-client", ".properties");
        java.nio.file.Files.writeString(file, "client_id=" + CLIENT_ID + "\nclient_secret=" + CLIENT_SECRET + "\n");
        return file;
    }

    /** A source's request settings for a fake on loopback: quick retries, few requests, from the school year's start. */
    public static Map<String, Object> quickSettings() {
        return Map.of("perSecond", 2000, "timeout", "PT2S", "attempts", 2, "firstBackoff", "PT0.05S", "chunkDays", 93,
                "pageSize", 700, "since", "2025-09-01");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long id(String sourceId) {
        return ids.computeIfAbsent(sourceId, k -> 1_000_000L + ids.size());
    }

    public List<String> classIds() {
        return new ArrayList<>(classes.keySet());
    }

    // --- what the tests change ---

    public void setMarkValue(String markId, String value) {
        marks.computeIfPresent(markId, (k, m) -> new Batch.Mark(m.id(), m.lessonId(), m.studentId(), value, m.workType(), m.weight(), m.enteredAt()));
    }

    public void removeMark(String markId) {
        marks.remove(markId);
    }

    /** The school adds a work type of its own (not in any mapping) and gives this mark under it. */
    public void retypeMark(String markId, String title) {
        extraWorkTypes.put(markId, title);
    }

    /** The first mark of the class (in lesson order) that tests may change. */
    public String firstMarkOf(String classId) {
        for (Batch.Lesson l : lessonsOfClass.get(classId)) {
            for (String m : marksOfLesson.getOrDefault(l.id(), List.of())) if (marks.containsKey(m)) return m;
        }
        throw new IllegalStateException("no mark in " + classId);
    }

    /** Requests whose path and query contain {@code fragment} answer with this status (0: as usual) after the delay. */
    public void fault(String fragment, int status, long delayMillis, boolean malformed) {
        faults.add(new Fault(path -> path.contains(fragment), status, delayMillis, malformed));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Every access token given out from now on works for this many requests, then answers 401. */
    public void expireAccessTokensAfter(int requests) {
        accessTokenLifetime = requests;
        accessTokens.clear();
    }

    /** The school withdrew the partner's access: every token is refused. */
    public void revokeAll() {
        accessTokens.clear();
        refreshTokens.clear();
    }

    // --- the API ---

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath().substring("/v2.0/".length());
            String raw = exchange.getRequestURI().getRawQuery();
            Map<String, String> query = query(raw);
            String full = path + (raw == null ? "" : "?" + raw);
            Fault fault = faults.stream().filter(f -> f.matches().test(full)).findFirst().orElse(null);
            if (fault != null && fault.delayMillis() > 0) sleep(fault.delayMillis());
            if (fault != null && fault.status() > 0) {
                send(exchange, fault.status(), "{\"type\":\"apiServerError\",\"description\":\"Internal error\"}");
                return;
            }
            if (path.equals("authorizations") && exchange.getRequestMethod().equals("POST")) {
                authorization(exchange);
                return;
            }
            String token = exchange.getRequestHeaders().getFirst("Access-Token");
            AtomicInteger uses = token == null ? null : accessTokens.get(token);
            if (uses == null || uses.incrementAndGet() > accessTokenLifetime) {
                send(exchange, 401, "{\"type\":\"authorizationFailed\",\"description\":\"Access token expired or invalid\"}");
                return;
            }
            Object body = route(path, query);
            if (body == null) {
                send(exchange, 404, "{\"type\":\"notFound\",\"description\":\"" + path + "\"}");
                return;
            }
            String text = json.writeValueAsString(body);
            if (fault != null && fault.malformed()) text = text.substring(0, text.length() / 2);
            send(exchange, 200, text);
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(exchange, 500, "{\"type\":\"apiServerError\"}");
        }
    }

    private void authorization(HttpExchange exchange) throws IOException {
        var body = json.readTree(exchange.getRequestBody());
        boolean client = CLIENT_ID.equals(body.path("client_id").asText()) && CLIENT_SECRET.equals(body.path("client_secret").asText());
        String grant = body.path("grant_type").asText();
        boolean ok = client && (grant.equals("AuthorizationCode") && AUTH_CODE.equals(body.path("code").asText())
                || grant.equals("RefreshToken") && refreshTokens.remove(body.path("refreshToken").asText()));
        if (!ok) {
            send(exchange, 400, "{\"type\":\"invalidGrant\",\"description\":\"Invalid grant\"}");
            return;
        }
        if (grant.equals("RefreshToken")) refreshGrants.incrementAndGet();
        int n = tokenSerial.incrementAndGet();
        String accessToken = "access-" + n + "-" + Long.toHexString(System.nanoTime());
        String refreshToken = "refresh-" + n + "-" + Long.toHexString(System.nanoTime());
        accessTokens.put(accessToken, new AtomicInteger());
        refreshTokens.add(refreshToken);
        lastRefreshToken = refreshToken;
        var answer = json.createObjectNode().put("accessToken", accessToken).put("expiresIn", 3600).put("expiresIn_str", "3600")
                .put("refreshToken", refreshToken).put("scope", "EducationalInfo,CommonInfo").put("user", 1000005).put("user_str", "1000005");
        send(exchange, 200, json.writeValueAsString(answer));
    }

    public String lastRefreshToken() {
        return lastRefreshToken;
    }

    private Object route(String path, Map<String, String> q) {
        String[] p = path.split("/");
        if (p.length == 3 && p[0].equals("schools") && p[2].equals("edu-groups")) return p[1].equals(SCHOOL) ? eduGroups() : null;
        if (p.length == 3 && p[0].equals("schools") && p[2].equals("teachers")) return teachers();
        if (p.length == 2 && p[0].equals("work-types")) return workTypes();
        if (p.length == 1 && p[0].equals("persons")) return persons(classOf(q.get("eduGroup")));
        if (p.length == 2 && p[0].equals("persons")) return person(studentOf(Long.parseLong(p[1])));
        if (p.length == 1 && p[0].equals("works")) return works(lessonOf(Long.parseLong(q.get("lesson"))), false);
        if (p[0].equals("edu-groups") && p.length >= 3) {
            String c = classOf(p[1]);
            if (c == null) return null;
            switch (p[2]) {
                case "subjects": return subjectsOf(c);
                case "reporting-periods": return reportingPeriods(c);
                case "final-marks": return finalMarks(c);
                case "lessons": return lessons(c, day(p[3]), day(p[4]));
                case "marks": return page(marks(c, day(p[3]), day(p[4])), q);
                default: return null;
            }
        }
        if (p.length == 3 && p[0].equals("lesson-log-entries") && p[1].equals("group"))
            return logEntries(classOf(p[2]), subjectOf(Long.parseLong(q.get("subject"))), day(q.get("from")), day(q.get("to")));
        return null;
    }

    private ArrayNode eduGroups() {
        ArrayNode a = json.createArrayNode();
        for (Batch.SchoolClass c : classes.values()) {
            a.addObject().put("id", id(c.id())).put("id_str", String.valueOf(id(c.id()))).put("type", "Class")
                    .put("name", c.grade() + c.letter()).put("fullName", c.grade() + c.letter() + " класс").put("parallel", c.grade())
                    .put("studyyear", Integer.parseInt(c.academicYearId())).put("status", "Active").put("educationType", "Regular");
        }
        // A subgroup (a part of a class taught separately): the connector pulls classes only.
        a.addObject().put("id", 999_999L).put("type", "Group").put("name", "Англ. 1 гр.").put("parallel", 5);
        return a;
    }

    private ArrayNode teachers() {
        ArrayNode a = json.createArrayNode();
        for (Batch.Teacher t : teachers.values()) {
            a.addObject().put("Id", id(t.id())).put("IdStr", String.valueOf(id(t.id()))).put("LastName", t.lastName())
                    .put("FirstName", t.firstName()).put("MiddleName", t.middleName()).put("NameTeacherPosition", t.position())
                    .put("TeachingStaff", true);
        }
        return a;
    }

    private ArrayNode workTypes() {
        ArrayNode a = json.createArrayNode();
        WORK_TYPES.values().forEach(w -> a.addObject().put("id", (Long) w[0]).put("schoolId", Long.parseLong(SCHOOL))
                .put("kind", "CommonWork").put("title", (String) w[1]).put("weight", (Integer) w[2]));
        for (String title : new java.util.TreeSet<>(extraWorkTypes.values())) {
            a.addObject().put("id", extraTypeId(title)).put("schoolId", Long.parseLong(SCHOOL)).put("kind", "CommonWork")
                    .put("title", title).put("weight", 1);
        }
        return a;
    }

    private static long extraTypeId(String title) {
        return 900L + Math.abs(title.hashCode() % 90);
    }

    private ArrayNode persons(String classId) {
        ArrayNode a = json.createArrayNode();
        if (classId == null) return a;
        // Current members: those whose last enrollment is in the class and still open.
        enrollments.stream().filter(e -> e.classId().equals(classId) && e.dateTo() == null)
                .sorted(Comparator.comparing(Batch.Enrollment::studentId)).forEach(e -> a.add(person(students.get(e.studentId()))));
        return a;
    }

    private ObjectNode person(Batch.Student s) {
        return json.createObjectNode().put("id", id(s.id())).put("id_str", String.valueOf(id(s.id()))).put("userId", 5_000_000L + id(s.id()))
                .put("firstName", s.firstName()).put("lastName", s.lastName()).put("middleName", s.middleName())
                .put("shortName", s.lastName() + " " + s.firstName().charAt(0) + ".").put("sex", "M".equals(s.gender()) ? "Male" : "Female");
    }

    private ArrayNode subjectsOf(String classId) {
        ArrayNode a = json.createArrayNode();
        for (String s : subjectsOfClass.getOrDefault(classId, List.of())) a.add(subject(s));
        return a;
    }

    private ObjectNode subject(String s) {
        return json.createObjectNode().put("id", id(s)).put("id_str", String.valueOf(id(s))).put("name", subjects.get(s).name())
                .put("knowledgeArea", subjects.get(s).name());
    }

    private ArrayNode reportingPeriods(String classId) {
        int grade = classes.get(classId).grade();
        ArrayNode a = json.createArrayNode();
        for (Batch.Period p : periods) {
            if (grade < p.gradeFrom() || grade > p.gradeTo()) continue;
            a.addObject().put("id", id(p.id())).put("id_str", String.valueOf(id(p.id()))).put("start", p.startDate() + "T00:00:00")
                    .put("finish", p.endDate() + "T23:59:59").put("number", p.number()).put("type", periodType(p.kind()))
                    .put("name", p.number() + (p.kind().equals("QUARTER") ? " четверть" : " полугодие"))
                    .put("year", Integer.parseInt(p.academicYearId()));
        }
        return a;
    }

    private static String periodType(String kind) {
        return kind.equals("QUARTER") ? "Quarter" : kind.equals("HALF_YEAR") ? "Semester" : "Trimester";
    }

    private ArrayNode lessons(String classId, LocalDate from, LocalDate to) {
        ArrayNode a = json.createArrayNode();
        for (Batch.Lesson l : lessonsOfClass.getOrDefault(classId, List.of())) {
            if (l.date().isBefore(from) || l.date().isAfter(to)) continue;
            ObjectNode n = a.addObject().put("id", id(l.id())).put("id_str", String.valueOf(id(l.id()))).put("title", l.topic())
                    .put("date", l.date() + "T00:00:00").put("number", l.number()).put("group", id(classId))
                    .put("status", "Conducted");
            n.set("subject", subject(l.subjectId()));
            n.set("works", works(l, true));
            n.putArray("teachers").add(id(l.substituteTeacherId() != null ? l.substituteTeacherId() : l.teacherId()));
        }
        return a;
    }

    /** One work per kind of work marked at the lesson; the homework is a work of type Homework with its text. */
    private ArrayNode works(Batch.Lesson l, boolean embedded) {
        ArrayNode a = json.createArrayNode();
        var types = new java.util.TreeSet<String>();
        for (String m : marksOfLesson.getOrDefault(l.id(), List.of())) {
            Batch.Mark mark = marks.get(m);
            if (mark != null) types.add(mark.workType());
        }
        if (l.homework() != null) types.add("ДЗ");
        for (String t : types) {
            boolean homework = t.equals("ДЗ") && l.homework() != null;
            ObjectNode w = a.addObject().put("id", workId(l, t)).put("type", homework ? "Homework" : "CommonWork")
                    .put("workType", (Long) WORK_TYPES.get(t)[0]).put("markType", "Mark5").put("markCount", 1)
                    .put("lesson", id(l.id())).put("eduGroup", id(l.classId())).put("subjectId", id(l.subjectId()))
                    .put("displayInJournal", true).put("status", "Sent").put("targetDate", l.date() + "T00:00:00");
            // The lessons' list leaves out some homework texts (as a short form would): works?lesson= has them.
            if (homework && !(embedded && textOnlyInWorks(l))) w.put("text", l.homework());
        }
        return a;
    }

    public boolean textOnlyInWorks(Batch.Lesson l) {
        return id(l.id()) % 25 == 0;
    }

    /** A lesson with homework whose text only works?lesson= gives. */
    public Batch.Lesson lessonWithHomeworkOnlyInWorks() {
        return lessons.values().stream().filter(l -> l.homework() != null && textOnlyInWorks(l))
                .min(Comparator.comparing(Batch.Lesson::id)).orElseThrow();
    }

    private long workId(Batch.Lesson l, String type) {
        return id(l.id()) * 10 + new ArrayList<>(WORK_TYPES.keySet()).indexOf(type);
    }

    private List<ObjectNode> marks(String classId, LocalDate from, LocalDate to) {
        var out = new ArrayList<ObjectNode>();
        for (Batch.Lesson l : lessonsOfClass.getOrDefault(classId, List.of())) {
            if (l.date().isBefore(from) || l.date().isAfter(to)) continue;
            for (String id : marksOfLesson.getOrDefault(l.id(), List.of())) {
                Batch.Mark m = marks.get(id);
                if (m == null) continue;
                String extra = extraWorkTypes.get(m.id());
                long workType = extra != null ? extraTypeId(extra) : (Long) WORK_TYPES.get(m.workType())[0];
                out.add(json.createObjectNode().put("id", id(m.id())).put("id_str", String.valueOf(id(m.id()))).put("type", "mark5")
                        .put("value", value(m.value())).put("textValue", m.value()).put("person", id(m.studentId()))
                        .put("work", workId(l, m.workType())).put("lesson", id(l.id())).put("number", 0)
                        .put("date", local(m.enteredAt())).put("workType", workType).put("mood", "Good").put("use_avg_calc", true));
            }
        }
        return out;
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

    private ArrayNode page(List<ObjectNode> all, Map<String, String> q) {
        ArrayNode a = json.createArrayNode();
        int size = Integer.parseInt(q.getOrDefault("pageSize", String.valueOf(Math.max(1, all.size()))));
        int number = Integer.parseInt(q.getOrDefault("pageNumber", "1"));
        all.stream().skip((long) (number - 1) * size).limit(size).forEach(a::add);
        return a;
    }

    private ArrayNode logEntries(String classId, String subjectId, LocalDate from, LocalDate to) {
        ArrayNode a = json.createArrayNode();
        for (Batch.Lesson l : lessonsOfClass.getOrDefault(classId, List.of())) {
            if (!l.subjectId().equals(subjectId) || l.date().isBefore(from) || l.date().isAfter(to)) continue;
            var absences = absencesOfLesson.getOrDefault(l.id(), List.of());
            for (Batch.Attendance at : absences) {
                a.addObject().put("person", id(at.studentId())).put("lesson", id(l.id())).put("status", STATUS.get(at.code()))
                        .put("createdDate", local(at.enteredAt()));
            }
            // The first present student of each lesson is marked as present, as journals do.
            marksOfLesson.getOrDefault(l.id(), List.of()).stream().map(marks::get).filter(java.util.Objects::nonNull)
                    .map(Batch.Mark::studentId).filter(s -> absences.stream().noneMatch(x -> x.studentId().equals(s))).findFirst()
                    .ifPresent(s -> a.addObject().put("person", id(s)).put("lesson", id(l.id())).put("status", "Attend")
                            .put("createdDate", l.date() + "T08:00:00"));
        }
        return a;
    }

    private ObjectNode finalMarks(String classId) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode marksNode = answer.putArray("marks");
        var works = new LinkedHashMap<String, ObjectNode>();
        var subjectIds = new java.util.TreeSet<String>();
        for (Batch.PeriodMark pm : periodMarks) {
            if (!classId.equals(classOn(pm.studentId(), pm.enteredAt().toLocalDate()))) continue;
            String workKey = pm.subjectId() + "|" + pm.kind() + "|" + pm.periodId();
            ObjectNode work = works.computeIfAbsent(workKey, k -> {
                ObjectNode w = json.createObjectNode().put("id", id(classId + "|" + k)).put("type", "FinalWork")
                        .put("workType", finalTypeId(pm.kind())).put("subjectId", id(pm.subjectId())).put("eduGroup", id(classId));
                if (pm.periodId() != null) {
                    Batch.Period p = periods.stream().filter(x -> x.id().equals(pm.periodId())).findFirst().orElseThrow();
                    w.put("periodType", periodType(p.kind())).put("periodNumber", p.number());
                }
                return w;
            });
            subjectIds.add(pm.subjectId());
            marksNode.addObject().put("id", id(pm.id())).put("type", "mark5").put("value", value(pm.value())).put("textValue", pm.value())
                    .put("person", id(pm.studentId())).put("work", work.get("id").asLong()).put("date", local(pm.enteredAt()))
                    .put("workType", finalTypeId(pm.kind()));
        }
        answer.putArray("works").addAll(works.values());
        ArrayNode subjectsNode = answer.putArray("subjects");
        subjectIds.forEach(s -> subjectsNode.add(subject(s)));
        ArrayNode types = answer.putArray("workTypes");
        for (String kind : List.of("QUARTER", "HALF_YEAR", "YEAR", "EXAM", "FINAL")) {
            types.addObject().put("id", finalTypeId(kind)).put("schoolId", Long.parseLong(SCHOOL))
                    .put("abbreviation", kind.substring(0, 1)).put("name", finalName(kind)).put("isFinal", true)
                    .put("isImportant", true).put("kind", switch (kind) {
                        case "YEAR" -> "YearMark";
                        case "EXAM" -> "ExamMark";
                        case "FINAL" -> "FinalMark";
                        default -> "PeriodMark";
                    });
        }
        return answer;
    }

    private static long finalTypeId(String kind) {
        return switch (kind) {
            case "QUARTER" -> 201L;
            case "HALF_YEAR" -> 202L;
            case "YEAR" -> 203L;
            case "EXAM" -> 204L;
            default -> 205L;
        };
    }

    private static String finalName(String kind) {
        return switch (kind) {
            case "QUARTER" -> "Четвертная";
            case "HALF_YEAR" -> "Полугодовая";
            case "YEAR" -> "Годовая";
            case "EXAM" -> "Экзаменационная";
            default -> "Итоговая";
        };
    }

    private String classOn(String studentId, LocalDate day) {
        return enrollmentsOf.getOrDefault(studentId, List.of()).stream().filter(e -> !e.dateFrom().isAfter(day)
                && (e.dateTo() == null || !e.dateTo().isBefore(day))).map(Batch.Enrollment::classId).findFirst().orElse(null);
    }

    // --- ids back ---

    private final Map<Long, String> reverse = new ConcurrentHashMap<>();

    private String back(long id) {
        if (reverse.isEmpty()) ids.forEach((k, v) -> reverse.put(v, k));
        return reverse.get(id);
    }

    private String classOf(String id) {
        if (id == null) return null;
        String c = back(Long.parseLong(id));
        return classes.containsKey(c) ? c : null;
    }

    private Batch.Student studentOf(long id) {
        return students.get(back(id));
    }

    private Batch.Lesson lessonOf(long id) {
        return lessons.get(back(id));
    }

    private String subjectOf(long id) {
        return back(id);
    }

    /** Every id the fake will ever hand out, numbered before the first request (the reverse map is built once). */
    public FakeDnevnikRu numbered() {
        classes.keySet().forEach(this::id);
        students.keySet().forEach(this::id);
        teachers.keySet().forEach(this::id);
        subjects.keySet().forEach(this::id);
        periods.forEach(p -> id(p.id()));
        lessons.keySet().stream().sorted().forEach(this::id);
        marks.keySet().stream().sorted().forEach(this::id);
        periodMarks.forEach(p -> id(p.id()));
        for (String c : classes.keySet()) for (Batch.PeriodMark pm : periodMarks)
            id(c + "|" + pm.subjectId() + "|" + pm.kind() + "|" + pm.periodId());
        return this;
    }

    private static LocalDate day(String v) {
        return LocalDateTime.parse(v).toLocalDate();
    }

    private static Map<String, String> query(String raw) {
        var q = new HashMap<String, String>();
        if (raw == null) return q;
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
