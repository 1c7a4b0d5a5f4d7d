package ru.journalarchive.journal.ingest;

import java.util.List;

/** The batch was not applied; nothing of it was written. */
public class BatchRejectedException extends RuntimeException {
    private final transient List<Problem> problems;

    public BatchRejectedException(List<Problem> problems) {
        super("batch rejected: " + problems.size() + " problem(s), first: "
                + (problems.isEmpty() ? "-" : problems.get(0).path() + " " + problems.get(0).message()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
