package ru.journalarchive.app.ingest.schedule;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.HexFormat;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.ingest.BatchParser;
import ru.journalarchive.journal.ingest.BatchIngestion;
import ru.journalarchive.journal.ingest.BatchRejectedException;
import ru.journalarchive.journal.ingest.IngestResult;
import ru.journalarchive.journal.ingest.Problem;

/**
 * Applies a ФГИС «Моя школа» {@code Schedule} document as one batch: all of it or nothing, every
 * problem with its path into the document. The batch id comes from the document's bytes, so the same
 * document pushed twice is applied once; overlapping documents write the same records (their ids
 * come from lesson and person), so re-sent lessons change nothing.
 */
@Component
@EnableConfigurationProperties(ScheduleCodes.class)
public class ScheduleIngestion {

    private final BatchIngestion ingestion;
    private final ScheduleCodes codes;
    private final ObjectReader reader;

    public ScheduleIngestion(BatchIngestion ingestion, ScheduleCodes codes, ObjectMapper objectMapper) {
        this.ingestion = ingestion;
        this.codes = codes;
        this.reader = reader(objectMapper);
    }

    /**
     * Lenient about fields it does not know: the contract has more than the archive keeps (see
     * ScheduleDocument). Times keep their offset: a lesson's day is the school's, not UTC's.
     */
    static ObjectReader reader(ObjectMapper objectMapper) {
        return objectMapper.readerFor(ScheduleDocument.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .without(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public static String batchId(byte[] sha256) {
        return "schedule:" + HexFormat.of().formatHex(sha256, 0, 16);
    }

    public IngestResult ingest(String school, byte[] document, byte[] sha256, String channel, String actor) {
        ScheduleDocument parsed = BatchParser.read(reader, document);
        MappedSchedule mapped = ScheduleMapping.map(parsed, batchId(sha256), codes.forSchool(school));
        if (!mapped.problems().isEmpty()) {
            // the rest of the document is checked as well, so that the sender gets every problem at once
            List<Problem> batchProblems = mapped.batch().recordCounts().isEmpty() ? List.of()
                    : ingestion.validate(school, mapped.batch());
            throw new BatchRejectedException(mapped.withBatchProblems(batchProblems));
        }
        try {
            return ingestion.ingest(school, mapped.batch(), sha256, channel, actor);
        } catch (BatchRejectedException e) {
            throw new BatchRejectedException(mapped.translate(e.problems()));
        }
    }
}
