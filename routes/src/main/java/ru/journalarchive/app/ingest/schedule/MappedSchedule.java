package ru.journalarchive.app.ingest.schedule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.Problem;

/**
 * A Schedule document as a batch, the problems of the mapping itself (paths into the document), and
 * where each record of the batch came from, so that the batch's problems point into the document too.
 */
record MappedSchedule(Batch batch, List<Problem> problems, Map<String, Origin> origins) {

    private static final Pattern RECORD = Pattern.compile("^(\\w+\\[\\d+])(?:\\.(.+))?$");
    private static final Pattern RECORD_IN_TEXT = Pattern.compile("\\b(?:lessons|marks|attendance|deletions)\\[\\d+]");

    MappedSchedule {
        problems = List.copyOf(problems);
        origins = Map.copyOf(origins);
    }

    /** The part of the document a record came from, and the document's path of each of its fields. */
    record Origin(String path, Map<String, String> fields) {
        String pathOf(String field) {
            return field == null ? path : fields.getOrDefault(field, path);
        }
    }

    /** The batch's problems with paths (and record references in messages) into the document, each once. */
    List<Problem> translate(List<Problem> batchProblems) {
        var out = new LinkedHashSet<Problem>();
        for (Problem p : batchProblems) out.add(new Problem(pathInDocument(p.path()), messageInDocument(p.message())));
        return List.copyOf(out);
    }

    /**
     * The mapping's problems and then the batch's, each once; a path the mapping has already
     * explained (an unknown code, a missing person) gets no second, vaguer problem from the batch.
     */
    List<Problem> withBatchProblems(List<Problem> batchProblems) {
        var explained = new LinkedHashSet<String>();
        problems.forEach(p -> explained.add(p.path()));
        var out = new LinkedHashSet<>(problems);
        translate(batchProblems).stream().filter(p -> !explained.contains(p.path())).forEach(out::add);
        return List.copyOf(out);
    }

    String pathInDocument(String batchPath) {
        Matcher m = RECORD.matcher(batchPath);
        if (m.matches()) {
            Origin origin = origins.get(m.group(1));
            if (origin != null) return origin.pathOf(m.group(2));
        }
        return batchPath.equals("batchId") ? "" : batchPath;
    }

    private String messageInDocument(String message) {
        return RECORD_IN_TEXT.matcher(message).replaceAll(r -> {
            Origin origin = origins.get(r.group());
            return Matcher.quoteReplacement(origin == null ? r.group() : origin.path());
        });
    }
}
