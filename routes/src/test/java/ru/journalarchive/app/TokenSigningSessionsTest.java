package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.app.config.RunsConfig;
import ru.journalarchive.app.run.DirectorSigning;
import ru.journalarchive.app.run.DocumentPipeline;
import ru.journalarchive.app.run.ExternalDirectorSigning;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.storage.drafts.Drafts;

/**
 * The director's token-signing sessions live in PostgreSQL, not in a node's memory: sessions prepared
 * through the API complete through beans made afresh on the same database (a restarted node, or
 * another one), the page opened again lists the steps left, a session completes once, and an expired
 * one is refused.
 */
class TokenSigningSessionsTest extends ServiceTestBase {

    static final String PREFIX = "/api/v1/schools/demo/signing-queue/external/";

    @Autowired
    DirectorSigning directorSigning;
    @Autowired
    Drafts drafts;
    @Autowired
    DocumentPipeline pipeline;
    @Autowired
    Optional<TimeStampClient> tsa;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    RunsConfig.RunsSchemaMigration migrated;
    @Autowired
    ru.journalarchive.app.signing.LongTermLevels longTerm;

    @Test
    void sessionsPreparedBeforeARestartCompleteAfterItAndTheDocumentsAreArchivedExactlyOnce() throws Exception {
        var token = new TestToken();
        var run = yearEndAwaitingTheDirector("c-2025-4a");
        var prepared = body(director("POST", PREFIX + "prepare", prepare(run.ids(), token)));
        var pdfSignatures = tokenSigns(token, prepared, "PDF");

        // The node restarts: its beans are made again as the configuration makes them; nothing of the first is in memory.
        ExternalDirectorSigning restarted = restartedBean();
        var detached = json.valueToTree(restarted.complete("demo", completions(pdfSignatures)));
        assertThat(detached).hasSize(run.planned());

        // The page is opened again: it finds the detached step of every document, the PDF signature is not asked again.
        var open = body(director("GET", PREFIX + "sessions", null));
        var listed = new java.util.HashMap<String, JsonNode>();
        open.forEach(s -> listed.put(s.get("documentId").asText(), s));
        assertThat(listed.keySet()).containsAll(run.ids());
        for (var step : detached) {
            var session = listed.get(step.get("documentId").asText());
            assertThat(session.get("stage").asText()).isEqualTo("DETACHED");
            assertThat(session.get("sessionId").asText()).isEqualTo(step.at("/next/sessionId").asText());
            assertThat(session.get("hash").asText()).isEqualTo(step.at("/next/hash").asText());
            assertThat(session.get("digestAlgorithm").asText()).isEqualTo("GOST3411-2012-256");
            assertThat(session.get("expiresAt").asText()).isNotBlank();
        }

        // A PDF session completed already is refused, by either node.
        assertThat(body(director("POST", PREFIX + "complete", json.writeValueAsString(Map.of("signatures", pdfSignatures)))))
                .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("REJECTED"));

        var signatures = tokenSigns(token, detached, "DETACHED");
        String completion = json.writeValueAsString(Map.of("signatures", signatures));
        assertThat(body(director("POST", PREFIX + "complete", completion))).hasSize(run.planned())
                .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("SIGNED"));
        // The same signatures once more, through the API and through the restarted bean: the sessions completed once.
        assertThat(body(director("POST", PREFIX + "complete", completion)))
                .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("REJECTED"));
        assertThat(restarted.complete("demo", completions(signatures)))
                .allSatisfy(p -> assertThat(p.result()).isEqualTo(ExternalDirectorSigning.Result.REJECTED));
        assertThat(body(director("GET", PREFIX + "sessions", null)).findValuesAsText("documentId")).doesNotContainAnyElementsOf(run.ids());

        var done = awaitRun(run.id(), p -> !p.get("finishedAt").isNull());
        assertThat(done.at("/byState/ARCHIVED").asInt()).isEqualTo(run.planned());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE document_id = ANY (?)", Integer.class,
                (Object) run.ids().toArray(String[]::new))).isEqualTo(run.planned());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM run_document WHERE document_id = ANY (?) AND signer LIKE '%Директор'",
                Integer.class, (Object) run.ids().toArray(String[]::new))).isEqualTo(run.planned());
    }

    @Test
    void anExpiredSessionIsRefusedAndPreparingAgainOpensANewOne() throws Exception {
        var token = new TestToken();
        var run = yearEndAwaitingTheDirector("c-2025-7a");
        String document = run.ids().get(0);
        var prepared = body(director("POST", PREFIX + "prepare", prepare(List.of(document), token)));
        var signatures = tokenSigns(token, prepared, "PDF");
        String session = signatures.get(0).get("sessionId");
        jdbc.update("UPDATE external_signing_session SET expires_at = now() - interval '1 minute' WHERE id = ?", session);

        String completion = json.writeValueAsString(Map.of("signatures", signatures));
        var refused = body(director("POST", PREFIX + "complete", completion));
        assertThat(refused.get(0).get("result").asText()).isEqualTo("REJECTED");
        assertThat(refused.get(0).get("message").asText()).contains("не найден или истёк");
        assertThat(body(director("GET", PREFIX + "sessions", null)).findValuesAsText("sessionId")).doesNotContain(session);
        assertThat(director("GET", PREFIX + session + "/content", null).statusCode()).isGreaterThanOrEqualTo(400);

        // Preparing again opens a new session and sweeps the expired one away; that one signs.
        var again = body(director("POST", PREFIX + "prepare", prepare(List.of(document), token)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM external_signing_session WHERE id = ?", Integer.class, session)).isZero();
        var next = body(director("POST", PREFIX + "complete",
                json.writeValueAsString(Map.of("signatures", tokenSigns(token, again, "PDF")))));
        assertThat(next.get(0).get("result").asText()).isEqualTo("NEXT_STEP");
        assertThat(next.get(0).at("/next/stage").asText()).isEqualTo("DETACHED");
        var signed = body(director("POST", PREFIX + "complete",
                json.writeValueAsString(Map.of("signatures", tokenSigns(token, next, "DETACHED")))));
        assertThat(signed.get(0).get("result").asText()).isEqualTo("SIGNED");

        // The rest of the class with the server's key: nothing of this test is left in the director's queue for the others.
        assertThat(body(director("POST", "/api/v1/schools/demo/signing-queue/sign",
                json.writeValueAsString(Map.of("documentIds", run.ids().subList(1, run.ids().size()))))))
                .allSatisfy(o -> assertThat(o.get("result").asText()).isEqualTo("APPROVED"));
        assertThat(awaitRun(run.id(), p -> !p.get("finishedAt").isNull()).at("/byState/ARCHIVED").asInt()).isEqualTo(run.planned());
    }

    String prepare(List<String> ids, TestToken token) throws Exception {
        return json.writeValueAsString(Map.of("documentIds", ids, "certificate", token.certificateBase64()));
    }

    /** The bean as the configuration makes it, but a new one (the context's configuration is a proxy handing out its own). */
    ExternalDirectorSigning restartedBean() {
        return new RunsConfig().externalDirectorSigning(directorSigning, drafts, pipeline, tsa, jdbc, transactions, migrated, longTerm);
    }

    static List<ExternalDirectorSigning.Completion> completions(List<Map<String, String>> signatures) {
        return signatures.stream().map(s -> new ExternalDirectorSigning.Completion(s.get("sessionId"), s.get("cms"))).toList();
    }
}
