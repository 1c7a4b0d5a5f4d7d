package ru.journalarchive.app.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.ingest.schedule.ScheduleDocument;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.IngestResult;

/** The push API of schools' journal systems: batches of the push format, or ФГИС «Моя школа» Schedule documents. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Приём данных")
@RestController
@RequestMapping("/api/v1/schools/{school}/batches")
public class BatchController {

    static final String EXAMPLE = """
            {
              "batchId": "2025-10-14-evening",
              "lessons": [{"id": "L-88121", "classId": "5A-2025", "subjectId": "math", "teacherId": "T-17",
                           "date": "2025-10-14", "number": 2, "topic": "Сложение дробей",
                           "homework": "№ 312–315", "tookPlace": true,
                           "topicEnteredAt": "2025-10-14T10:05:00+03:00"}],
              "marks": [{"id": "M-5520931", "lessonId": "L-88121", "studentId": "S-00412", "value": "5",
                         "workType": "О", "weight": 1, "enteredAt": "2025-10-14T10:07:00+03:00"}],
              "attendance": [{"id": "A-220871", "lessonId": "L-88121", "studentId": "S-00419", "code": "б",
                              "enteredAt": "2025-10-14T08:40:00+03:00"}]
            }""";
    static final String REJECTED = """
            {"type": "about:blank", "title": "Пакет отклонён", "status": 422,
             "detail": "Пакет не принят: 2 ошибки. Ничего не записано.",
             "errors": [{"path": "marks[0].value", "message": "Отметка «7» не входит в шкалу школы (допустимы: 5, 4, 3, 2, 1, зач, незач, н/а, осв)"},
                        {"path": "attendance[0].studentId", "message": "Ученик «S-00419» не числится в классе 5А на дату урока 14.10.2025"}]}""";

    static final String SCHEDULE_EXAMPLE = """
            {
              "resourceType": "Schedule",
              "person": {"id": "S-00412"},
              "lesson": [
                {"id": "L-88140", "eduGroup": {"id": "5A-2025"}, "subject": {"id": "math"}, "teacher": {"id": "T-17"},
                 "period": {"start": "2025-10-14T09:25:00+03:00", "end": "2025-10-14T10:10:00+03:00"}, "number": 2,
                 "topic": "Вычитание дробей", "homework": "№ 320–324",
                 "score": [{"code": "К", "weight": 2, "score": "5", "score2": "4", "scoreSystem": "five-point"}]},
                {"id": "L-88152", "eduGroup": {"id": "5A-2025"}, "subject": {"id": "math"}, "teacher": {"id": "T-17"},
                 "period": {"start": "2025-10-15T08:30:00+03:00", "end": "2025-10-15T09:15:00+03:00"}, "number": 1,
                 "topic": "Сложение и вычитание дробей", "attendance": {"code": "Б"}}
              ]
            }""";
    static final String SCHEDULE_REJECTED = """
            {"type": "about:blank", "title": "Пакет отклонён", "status": 422,
             "detail": "Пакет не принят: ошибок — 2. Ничего не записано.",
             "errors": [{"path": "lesson[1].attendance.code", "message": "Код посещаемости «ПР» неизвестен: его нет в таблице соответствия кодов (известны: Н, Б, УП, ОП, П)"},
                        {"path": "lesson[0].score[0].scoreSystem", "message": "Система оценивания «ten-point» неизвестна: её нет в таблице соответствия отметок (известны: five-point, credit)"}]}""";

    private static final MediaType SCHEDULE = MediaType.parseMediaType(ScheduleDocument.MEDIA_TYPE);

    private final ProducerTemplate camel;
    private final JournalArchiveProperties properties;

    public BatchController(ProducerTemplate camel, JournalArchiveProperties properties) {
        this.camel = camel;
        this.properties = properties;
    }

    @Operation(summary = "Принять пакет данных журнала",
            description = "Один пакет — одна транзакция: принимается целиком или не принимается вовсе. Повторная "
                    + "отправка того же пакета ничего не меняет; изменённые записи обновляются, прежние значения "
                    + "сохраняются в истории изменений. С типом " + ScheduleDocument.MEDIA_TYPE + " тело — документ "
                    + "Schedule ФГИС «Моя школа» (уроки одного обучающегося с посещаемостью и отметками): коды "
                    + "посещаемости и отметки переводятся по таблицам соответствия, ошибки указывают путь в документе.",
            security = @SecurityRequirement(name = "schoolToken"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Batch.class),
                            examples = @ExampleObject(name = "вечерняя выгрузка", value = EXAMPLE)),
                    @Content(mediaType = ScheduleDocument.MEDIA_TYPE, schema = @Schema(implementation = ScheduleDocument.class),
                            examples = @ExampleObject(name = "документ Schedule", value = SCHEDULE_EXAMPLE))}),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Пакет применён (или уже был применён раньше)"),
                    @ApiResponse(responseCode = "400", description = "Тело не является пакетом (JSON, типы полей)"),
                    @ApiResponse(responseCode = "401", description = "Нет токена или токен недействителен"),
                    @ApiResponse(responseCode = "403", description = "Токен выдан другой школе"),
                    @ApiResponse(responseCode = "409", description = "Пакет с этим batchId уже принят с другим содержимым"),
                    @ApiResponse(responseCode = "413", description = "Пакет больше допустимого размера"),
                    @ApiResponse(responseCode = "422", description = "Пакет не принят; перечислены все ошибки",
                            content = @Content(mediaType = "application/problem+json", examples = {
                                    @ExampleObject(name = "пакет", value = REJECTED),
                                    @ExampleObject(name = "документ Schedule", value = SCHEDULE_REJECTED)}))})
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ScheduleDocument.MEDIA_TYPE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public IngestResult push(@PathVariable String school, HttpServletRequest request, Authentication auth)
            throws IOException, NoSuchAlgorithmException {
        byte[] body = readLimited(request);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
        String format = MediaType.parseMediaType(request.getContentType()).equalsTypeAndSubtype(SCHEDULE)
                ? ScheduleDocument.MEDIA_TYPE : MediaType.APPLICATION_JSON_VALUE;
        Map<String, Object> headers = Map.of(IngestRoute.SCHOOL, school, IngestRoute.CONTENT_HASH, hash,
                IngestRoute.CHANNEL, "API", IngestRoute.ACTOR, auth.getName(), IngestRoute.FORMAT, format);
        return camel.requestBodyAndHeaders(IngestRoute.URI, body, headers, IngestResult.class);
    }

    private byte[] readLimited(HttpServletRequest request) throws IOException {
        long limit = properties.ingest().maxBatchSize().toBytes();
        if (request.getContentLengthLong() > limit) throw new BatchTooLargeException(properties.ingest().maxBatchSize());
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) throw new BatchTooLargeException(properties.ingest().maxBatchSize());
            return body;
        }
    }
}
