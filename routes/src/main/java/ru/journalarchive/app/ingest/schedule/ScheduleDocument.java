package ru.journalarchive.app.ingest.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The ФГИС «Моя школа» {@code Schedule} document, the contract regional journal systems serve to the
 * federal system: one person's (a student's) lessons, each with its attendance and scores.
 *
 * <p>What is confirmed (issue 17, from the contract's outline): {@code lesson[]} with {@code subject},
 * {@code topic}, {@code homework}, {@code period}, {@code attendance{code}} and
 * {@code score[]{code, weight, score, score2, scoreSystem}}; errors as {@code OperationOutcome}.
 * The integration PDF itself could not be consulted, so these are the archive's reading, NOT
 * confirmed: that the document belongs to one {@code person} identified by {@code person.id}; the
 * references {@code eduGroup}, {@code subgroup}, {@code subject}, {@code teacher} as objects with the
 * sending system's {@code id}; {@code period} as a FHIR Period ({@code start}, {@code end}, date-times
 * with offset); the lesson's {@code id} and {@code number}; {@code score.code} as the work type;
 * {@code score2} as the second mark of a cell («5/4»). Fields not listed here are ignored. Errors are
 * answered as the archive's problem body (with paths into this document), not as OperationOutcome.
 */
@Schema(name = "ScheduleDocument", description = "Документ Schedule ФГИС «Моя школа»: уроки одного обучающегося "
        + "с посещаемостью и отметками")
public record ScheduleDocument(
        @Schema(description = "Тип ресурса; если указан — Schedule", example = "Schedule") String resourceType,
        @Schema(description = "Обучающийся, чьё это расписание (идентификатор в журнальной системе школы)") Ref person,
        List<Lesson> lesson) {

    public static final String MEDIA_TYPE = "application/vnd.fgis-schedule+json";

    public ScheduleDocument {
        lesson = lesson == null ? List.of() : lesson;
    }

    // Schema names of their own: the push format's Lesson, Period and Attendance have these simple names already.

    /** A reference to a record of the sending system by its id. */
    @Schema(name = "ScheduleRef", description = "Ссылка на запись журнальной системы школы по её идентификатору")
    public record Ref(String id) {}

    /** The time of the lesson. */
    @Schema(name = "SchedulePeriod", description = "Время урока (дата и время со смещением часового пояса)")
    public record Period(OffsetDateTime start, OffsetDateTime end) {}

    @Schema(name = "ScheduleAttendance")
    public record Attendance(@Schema(description = "Код отметки посещаемости (см. journal-archive.ingest.schedule.attendance-codes)",
            example = "Б") String code) {}

    @Schema(name = "ScheduleScore")
    public record Score(
            @Schema(description = "Вид работы", example = "К") String code,
            BigDecimal weight,
            @Schema(description = "Отметка", example = "5") String score,
            @Schema(description = "Вторая отметка той же клетки («5/4»)", example = "4") String score2,
            @Schema(description = "Система оценивания (см. journal-archive.ingest.schedule.score-systems)",
                    example = "five-point") String scoreSystem) {}

    @Schema(name = "ScheduleLesson")
    public record Lesson(
            String id,
            @Schema(description = "Класс") Ref eduGroup,
            @Schema(description = "Группа класса, если урок у группы") Ref subgroup,
            Ref subject,
            Ref teacher,
            Period period,
            @Schema(description = "Номер урока в расписании дня", example = "2") Integer number,
            String topic,
            String homework,
            Attendance attendance,
            List<Score> score) {

        public Lesson {
            score = score == null ? List.of() : score;
        }
    }
}
