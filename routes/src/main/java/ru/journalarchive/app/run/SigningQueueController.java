package ru.journalarchive.app.run;

import ru.journalarchive.app.RejectedRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The director's queue: year-end documents waiting for a signature, their previews, and signing them as a batch. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Подпись директора")
@RestController
@RequestMapping("/api/v1/schools/{school}/signing-queue")
@SecurityRequirement(name = "login")
public class SigningQueueController {

    public record Waiting(String documentId, String kind, String classId, String subjectId, String title, Integer pages,
                          String preview) {}

    public record Batch(@NotEmpty List<String> documentIds) {}

    /** certificate: the director's certificate from the token, PEM or base64 DER. */
    public record ExternalBatch(@NotEmpty List<String> documentIds, @NotBlank String certificate) {}

    public record Signatures(@NotEmpty List<ExternalDirectorSigning.Completion> signatures) {}

    private final ArchiveRuns runs;
    private final DirectorSigning signing;
    private final ExternalDirectorSigning external;
    private final SigningPreviews previews;

    public SigningQueueController(ArchiveRuns runs, DirectorSigning signing, ExternalDirectorSigning external, SigningPreviews previews) {
        this.runs = runs;
        this.signing = signing;
        this.external = external;
        this.previews = previews;
    }

    @Operation(summary = "Документы, ожидающие подписи директора")
    @GetMapping
    public List<Waiting> queue(@PathVariable String school) {
        return runs.awaitingSignature(school).stream().map(d -> new Waiting(d.documentId(), d.plan().kind().code(),
                d.plan().classId(), d.plan().subjectId(), d.title(), d.pages(),
                "/api/v1/schools/" + school + "/signing-queue/" + d.documentId() + "/preview")).toList();
    }

    @Operation(summary = "Просмотр документа перед подписью (PDF)")
    @GetMapping(value = "/{documentId}/preview", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> preview(@PathVariable String school, @PathVariable String documentId) {
        return previews.pdf(school, documentId).map(pdf -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(pdf))
                .orElse(ResponseEntity.notFound().build());
    }

    @Operation(summary = "Подписать пакет документов ключом директора, хранящимся на сервере",
            description = "Пакет принимается сразу (APPROVED), подписание и передача в архив идут в фоне; ход виден в "
                    + "GET /api/v1/archive-runs/{id}. Документ, данные которого изменились после формирования, не подписывается: "
                    + "он формируется заново и снова ждёт подписи (RE_RENDERED).")
    @PostMapping("/sign")
    public List<DirectorSigning.Outcome> sign(@PathVariable String school, @Valid @RequestBody Batch batch, Principal who) {
        return signing.approveForServerKey(school, batch.documentIds(), who.getName());
    }

    @Operation(summary = "Подписать пакет на токене директора (КриптоПро ЭЦП Browser plug-in): получить хеши",
            description = "Для каждого документа — хеш байтовых диапазонов PDF; после него — хеш итогового PDF для открепленной подписи.")
    @PostMapping("/external/prepare")
    public List<ExternalDirectorSigning.Progress> prepare(@PathVariable String school, @Valid @RequestBody ExternalBatch batch) {
        return external.prepare(school, batch.documentIds(), TokenCertificates.parse(batch.certificate()));
    }

    @Operation(summary = "Незавершённые сеансы подписания на токене: продолжить с того же шага",
            description = "Для страницы, открытой заново (закрытая вкладка, перезапущенный сервер): по каждому документу — "
                    + "шаг, который осталось подписать. Шаг DETACHED значит, что подпись PDF уже принята и осталась открепленная.")
    @GetMapping("/external/sessions")
    public List<ExternalDirectorSigning.Step> sessions(@PathVariable String school) {
        return external.open(school);
    }

    @Operation(summary = "Подписываемые байты сеанса (для средств, которые сами считают хеш)")
    @GetMapping(value = "/external/{sessionId}/content", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public byte[] content(@PathVariable String school, @PathVariable String sessionId) {
        return external.content(school, sessionId);
    }

    @Operation(summary = "Передать подписи CMS, сделанные на токене")
    @PostMapping("/external/complete")
    public List<ExternalDirectorSigning.Progress> complete(@PathVariable String school, @Valid @RequestBody Signatures signatures) {
        return external.complete(school, signatures.signatures());
    }
}
