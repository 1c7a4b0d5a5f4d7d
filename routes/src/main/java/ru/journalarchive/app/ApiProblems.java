package ru.journalarchive.app;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import ru.journalarchive.app.ingest.BatchTooLargeException;
import ru.journalarchive.app.ingest.MalformedBatchException;
import ru.journalarchive.journal.ingest.BatchConflictException;
import ru.journalarchive.journal.ingest.BatchRejectedException;
import ru.journalarchive.journal.ingest.Problem;
import ru.journalarchive.journal.ingest.UnknownSchoolException;

/** Every error of the API as application/problem+json with an {@code errors[]} list (path, message). */
@RestControllerAdvice
public class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    public static ProblemDetail problem(HttpStatus status, String title, String detail, List<Problem> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        p.setProperty("errors", errors.stream().map(e -> Map.of("path", e.path(), "message", e.message())).toList());
        return p;
    }

    @ExceptionHandler(CamelExecutionException.class)
    ResponseEntity<ProblemDetail> camel(CamelExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof BatchRejectedException r) return rejected(r);
        if (cause instanceof MalformedBatchException m) return malformed(m);
        if (cause instanceof BatchConflictException c) return conflict(c);
        if (cause instanceof UnknownSchoolException u) return unknownSchool(u);
        return unexpected(e);
    }

    @ExceptionHandler(BatchRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(BatchRejectedException e) {
        int n = e.problems().size();
        return body(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Пакет отклонён",
                "Пакет не принят: ошибок — " + n + ". Ничего не записано.", e.problems()));
    }

    @ExceptionHandler(MalformedBatchException.class)
    ResponseEntity<ProblemDetail> malformed(MalformedBatchException e) {
        return body(problem(HttpStatus.BAD_REQUEST, "Некорректный запрос",
                "Тело запроса не является пакетом в формате API. Ничего не записано.", e.problems()));
    }

    @ExceptionHandler(BatchConflictException.class)
    ResponseEntity<ProblemDetail> conflict(BatchConflictException e) {
        return body(problem(HttpStatus.CONFLICT, "Пакет уже принят",
                "Пакет с этим batchId уже принят с другим содержимым. Для новых данных укажите новый batchId.",
                List.of(new Problem("batchId", "Идентификатор пакета уже использован"))));
    }

    @ExceptionHandler(UnknownSchoolException.class)
    ResponseEntity<ProblemDetail> unknownSchool(UnknownSchoolException e) {
        return body(problem(HttpStatus.NOT_FOUND, "Школа не найдена", "Школа с таким кодом не зарегистрирована.",
                List.of(new Problem("school", "Неизвестный код школы"))));
    }

    @ExceptionHandler(BatchTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BatchTooLargeException e) {
        return body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Пакет слишком большой",
                "Размер пакета больше допустимого (" + e.limit().toMegabytes() + " МБ). Разделите данные на несколько пакетов.",
                List.of(new Problem("", "Превышен размер пакета"))));
    }

    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(Exception e) {
        return body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Неподдерживаемый формат",
                "Пакет передаётся как application/json, документ Schedule ФГИС «Моя школа» — как "
                        + ru.journalarchive.app.ingest.schedule.ScheduleDocument.MEDIA_TYPE + ".",
                List.of(new Problem("", "Ожидается Content-Type: application/json или "
                        + ru.journalarchive.app.ingest.schedule.ScheduleDocument.MEDIA_TYPE))));
    }

    /** A request body that breaks its declared constraints: every broken field, by name. */
    @ExceptionHandler(org.springframework.web.bind.MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(org.springframework.web.bind.MethodArgumentNotValidException e) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new Problem(f.getField(), f.getDefaultMessage())).toList();
        return body(problem(HttpStatus.BAD_REQUEST, "Некорректный запрос", "Запрос не выполнен: ошибок — " + errors.size() + ".",
                errors));
    }

    /** A query or path parameter of the wrong form (a date, a number) or a missing one: named by its path. */
    @ExceptionHandler({org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.multipart.support.MissingServletRequestPartException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e) {
        String name = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m ? m.getName()
                : e instanceof org.springframework.web.bind.MissingServletRequestParameterException p ? p.getParameterName()
                : ((org.springframework.web.multipart.support.MissingServletRequestPartException) e).getRequestPartName();
        String message = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException
                ? "Значение не подходит по формату" : "Параметр обязателен";
        return body(problem(HttpStatus.BAD_REQUEST, "Некорректный запрос", message + ": " + name + ".",
                List.of(new Problem(name, message))));
    }

    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        return body(problem(HttpStatus.BAD_REQUEST, "Некорректный запрос", "Тело запроса не разобрано как JSON.",
                List.of(new Problem("", "Ожидается JSON-объект запроса"))));
    }

    @ExceptionHandler(ru.journalarchive.app.RejectedRequest.class)
    ResponseEntity<ProblemDetail> runRequest(ru.journalarchive.app.RejectedRequest e) {
        return body(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Запрос не выполнен", e.getMessage(),
                List.of(new Problem(e.path(), e.getMessage()))));
    }

    @ExceptionHandler(ResourceNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ResourceNotFound e) {
        return body(problem(HttpStatus.NOT_FOUND, "Не найдено", e.getMessage(), List.of(new Problem(e.path(), e.getMessage()))));
    }

    @ExceptionHandler(ru.journalarchive.signing.external.ExternalSignatureRejected.class)
    ResponseEntity<ProblemDetail> signatureRejected(Exception e) {
        return body(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Подпись не принята", e.getMessage(),
                List.of(new Problem("sessionId", e.getMessage()))));
    }

    @ExceptionHandler(ru.journalarchive.storage.catalogue.DocumentNotFound.class)
    ResponseEntity<ProblemDetail> documentNotFound(Exception e) {
        return body(problem(HttpStatus.NOT_FOUND, "Документ не найден", "В каталоге архива нет такого документа или файла.",
                List.of(new Problem("id", e.getMessage()))));
    }

    /** A stored file whose hash differs from the catalogue is never served; the read audit has recorded it. */
    @ExceptionHandler(ru.journalarchive.storage.catalogue.TamperedObjectException.class)
    ResponseEntity<ProblemDetail> tampered(Exception e) {
        log.error("hash mismatch on read: {}", e.getMessage());
        return body(problem(HttpStatus.CONFLICT, "Файл повреждён", "Файл в хранилище не совпадает с хешем в каталоге и не выдан; "
                + "сообщите администратору архива.", List.of(new Problem("id", e.getMessage()))));
    }

    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("request failed", e);
        return body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Внутренняя ошибка",
                "Запрос не выполнен из-за внутренней ошибки; данные не записаны. Повторите позже.", List.of()));
    }

    private static ResponseEntity<ProblemDetail> body(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
