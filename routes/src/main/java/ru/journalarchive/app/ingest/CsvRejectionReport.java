package ru.journalarchive.app.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import ru.journalarchive.journal.ingest.BatchConflictException;
import ru.journalarchive.journal.ingest.BatchRejectedException;
import ru.journalarchive.journal.ingest.Problem;

/**
 * For a rejected CSV file, writes {@code error/<school>/<file>.report.txt} listing each bad row
 * by its line number in the file (line 1 is the header). Camel runs it once per failed file: the
 * error is handled where it arises and not again in the calling route.
 */
@Component
public class CsvRejectionReport implements Processor {

    private static final Logger log = LoggerFactory.getLogger(CsvRejectionReport.class);
    private static final Pattern ROW = Pattern.compile("^\\w+\\[(\\d+)]\\.?(.*)$");

    @Override
    public void process(Exchange exchange) throws IOException {
        String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        Path dropRoot = CsvDropRoute.dropRoot(exchange);
        if (relative == null || dropRoot == null) return;
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        List<Problem> problems = problems(failure);
        var report = new StringBuilder("Файл ").append(relative).append(" не принят: ни одна строка не записана.\n")
                .append("Исправьте перечисленное и положите файл в папку снова.\n\n");
        for (Problem p : problems) report.append(describe(p)).append('\n');
        Path target = dropRoot.resolve("error").resolve(relative + ".report.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, report, StandardCharsets.UTF_8);
        log.warn("CSV file {} rejected with {} problem(s); report at {}", relative, problems.size(), target);
    }

    private static List<Problem> problems(Exception failure) {
        if (failure instanceof BatchRejectedException r) return r.problems();
        if (failure instanceof MalformedBatchException m) return m.problems();
        if (failure instanceof BatchConflictException) return List.of(new Problem("", "Пакет с таким идентификатором уже принят с другим содержимым"));
        return List.of(new Problem("", "Школа с таким кодом не зарегистрирована в архиве"));
    }

    static String describe(Problem p) {
        Matcher m = ROW.matcher(p.path());
        if (!m.matches()) return (p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
        int line = Integer.parseInt(m.group(1)) + 2;
        return "Строка " + line + (m.group(2).isEmpty() ? "" : ", поле " + m.group(2)) + ": " + p.message();
    }
}
