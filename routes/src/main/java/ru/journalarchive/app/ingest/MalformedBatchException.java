package ru.journalarchive.app.ingest;

import java.util.List;
import ru.journalarchive.journal.ingest.Problem;

/** The body is not a batch at all (broken JSON, wrong types, unknown fields): 400. */
public class MalformedBatchException extends RuntimeException {
    private final transient List<Problem> problems;

    public MalformedBatchException(List<Problem> problems) {
        super("malformed batch: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
