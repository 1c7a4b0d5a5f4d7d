package ru.journalarchive.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.ApiProblems;
import ru.journalarchive.journal.ingest.Problem;

/** 401, 403 and 429 answers of the security filters, in the same problem format as the API's. */
@Component
public class ProblemWriter {

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"journal-archive\"");
        write(response, HttpStatus.UNAUTHORIZED, "Требуется аутентификация", message);
    }

    /** 429 with Retry-After: the login was not even checked. */
    public void tooManyLogins(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        String wait = retryAfterSeconds < 60 ? retryAfterSeconds + " с" : (retryAfterSeconds + 59) / 60 + " мин.";
        write(response, HttpStatus.TOO_MANY_REQUESTS, "Слишком много попыток входа",
                "Слишком много неудачных попыток входа с этим именем пользователя или с этого адреса. Повторите через " + wait);
    }

    public void forbidden(HttpServletResponse response, String message) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Доступ запрещён", message);
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(),
                ApiProblems.problem(status, title, message, List.of(new Problem("", message))));
    }
}
