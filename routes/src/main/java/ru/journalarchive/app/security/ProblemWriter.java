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

/** 401 and 403 answers of the security filters, in the same problem format as the API's. */
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
