package ru.journalarchive.app.web.inspector;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.MappingJackson2JsonView;
import ru.journalarchive.app.ApiProblems;
import ru.journalarchive.journal.ingest.Problem;

/**
 * A multipart body over the servlet's limit is refused before any controller sees it: the inspector
 * gets the message next to the field, an API client a 413 problem.
 */
@ControllerAdvice
public class UploadTooLarge {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ModelAndView tooLarge(HttpServletRequest request) {
        String message = "Файл слишком большой: такой не проверяется.";
        if (request.getRequestURI().startsWith(request.getContextPath() + "/inspector")) {
            var page = new ModelAndView("inspector/check", Map.of("errors", Map.of("file", message)));
            page.setStatus(HttpStatus.PAYLOAD_TOO_LARGE);
            return page;
        }
        var problem = ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Слишком большой запрос", message,
                List.of(new Problem("file", message)));
        var json = new MappingJackson2JsonView();
        json.setExtractValueFromSingleKeyModel(true);
        json.setContentType("application/problem+json");
        var body = new ModelAndView(json, Map.of("problem", problem));
        body.setStatus(HttpStatus.PAYLOAD_TOO_LARGE);
        return body;
    }
}
