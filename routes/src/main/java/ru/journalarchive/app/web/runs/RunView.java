package ru.journalarchive.app.web.runs;

import java.util.List;

/**
 * A run as its pages show it, in Russian and in local time; the progress page's script gets the same
 * as JSON, so a reload and a poll show the same thing.
 *
 * @param status one sentence: running with its estimate, waiting for the director, or finished
 * @param failing documents whose last attempt failed and that will be tried again
 * @param deadLetters documents given up on after every attempt, the latest first
 */
public record RunView(long id, String schoolName, String schoolYear, String period, String classLabel, String startedBy,
                      String startedAt, String finishedAt, boolean finished, int planned, int archived, int failed,
                      List<StateCount> states, String status, List<Failing> failing, List<DeadLetter> deadLetters) {

    /** How many of the run's documents are in one state; state is the code's name (PLANNED…), label the Russian one. */
    public record StateCount(String state, String label, int count) {}

    /** document: its title, or before rendering its kind and subject or pupil. */
    public record Failing(String documentId, String document, String state, int attempts, String reason, String nextAttempt) {}

    public record DeadLetter(String documentId, String document, int attempts, String reason, String failedAt, String stateNow,
                             boolean retryable) {}
}
