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
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.IngestResult;

/** The push API of schools' journal systems. */
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

    private final ProducerTemplate camel;
    private final JournalArchiveProperties properties;

    public BatchController(ProducerTemplate camel, JournalArchiveProperties properties) {
        this.camel = camel;
        this.properties = properties;
    }

    @Operation(summary = "Принять пакет данных журнала",
            description = "Один пакет — одна транзакция: принимается целиком или не принимается вовсе. Повторная "
                    + "отправка того же пакета ничего не меняет; изменённые записи обновляются, прежние значения "
                    + "сохраняются в истории изменений.",
            security = @SecurityRequirement(name = "schoolToken"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Batch.class),
                    examples = @ExampleObject(name = "вечерняя выгрузка", value = EXAMPLE))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Пакет применён (или уже был применён раньше)"),
                    @ApiResponse(responseCode = "400", description = "Тело не является пакетом (JSON, типы полей)"),
                    @ApiResponse(responseCode = "401", description = "Нет токена или токен недействителен"),
                    @ApiResponse(responseCode = "403", description = "Токен выдан другой школе"),
                    @ApiResponse(responseCode = "409", description = "Пакет с этим batchId уже принят с другим содержимым"),
                    @ApiResponse(responseCode = "413", description = "Пакет больше допустимого размера"),
                    @ApiResponse(responseCode = "422", description = "Пакет не принят; перечислены все ошибки",
                            content = @Content(mediaType = "application/problem+json",
                                    examples = @ExampleObject(value = REJECTED)))})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public IngestResult push(@PathVariable String school, HttpServletRequest request, Authentication auth)
            throws IOException, NoSuchAlgorithmException {
        byte[] body = readLimited(request);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
        Map<String, Object> headers = Map.of(IngestRoute.SCHOOL, school, IngestRoute.CONTENT_HASH, hash,
                IngestRoute.CHANNEL, "API", IngestRoute.ACTOR, auth.getName());
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
