package ru.journalarchive.app.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
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
import ru.journalarchive.storage.drafts.Drafts;

/** The director's queue: year-end documents waiting for a signature, their previews, and signing them as a batch. */
@RestController
@RequestMapping("/api/v1/schools/{school}/signing-queue")
@SecurityRequirement(name = "admin")
public class SigningQueueController {

    public record Waiting(String documentId, String kind, String classId, String subjectId, String title, Integer pages,
                          String preview) {}

    public record Batch(@NotEmpty List<String> documentIds) {}

    private final ArchiveRuns runs;
    private final DirectorSigning signing;
    private final Drafts drafts;

    public SigningQueueController(ArchiveRuns runs, DirectorSigning signing, Drafts drafts) {
        this.runs = runs;
        this.signing = signing;
        this.drafts = drafts;
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
        var waiting = signing.waiting(school, documentId);
        if (waiting == null) return ResponseEntity.notFound().build();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(drafts.read(DraftKeys.pdf(waiting)));
    }

    @Operation(summary = "Подписать пакет документов ключом директора, хранящимся на сервере",
            description = "Документ, данные которого изменились после формирования, не подписывается: он формируется заново.")
    @PostMapping("/sign")
    public List<DirectorSigning.Outcome> sign(@PathVariable String school, @Valid @RequestBody Batch batch, Principal who) {
        return signing.signWithServerKey(school, batch.documentIds(), who.getName());
    }
}
