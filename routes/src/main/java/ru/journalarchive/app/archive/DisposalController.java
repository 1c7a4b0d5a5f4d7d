package ru.journalarchive.app.archive;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.storage.catalogue.Disposal;

/** Destruction after retention, for archivists: what may go, the act to approve, and the confirmation. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Уничтожение")
@RestController
@SecurityRequirement(name = "login")
@RequestMapping("/api/v1/disposal")
public class DisposalController {

    public record Act(long id, String pdf, String confirm) {}

    private final Disposal disposal;
    private final ReportEngine engine;
    private final JournalArchiveProperties properties;

    public DisposalController(Disposal disposal, ReportEngine engine, JournalArchiveProperties properties) {
        this.disposal = disposal;
        this.engine = engine;
        this.properties = properties;
    }

    @Operation(summary = "Документы с истёкшим сроком хранения без удержания")
    @GetMapping("/eligible")
    public List<DocumentsController.DocumentView> eligible() {
        return disposal.eligible(Instant.now()).stream().map(DocumentsController::view).toList();
    }

    @Operation(summary = "Составить акт о выделении к уничтожению (ничего не удаляется до подтверждения)")
    @PostMapping("/acts")
    public ResponseEntity<Act> prepare(Authentication who) {
        long id;
        try {
            id = disposal.prepare(who.getName(), new DisposalActPrinter(engine, properties.storage().organisation(), who.getName(),
                    ZoneId.of(properties.reports().timeZone())));
        } catch (IllegalStateException e) {
            throw new RejectedRequest("", e.getMessage());
        }
        String base = "/api/v1/disposal/acts/" + id;
        return ResponseEntity.created(URI.create(base)).body(new Act(id, base + "/act.pdf", base + "/confirm"));
    }

    @Operation(summary = "Акт о выделении к уничтожению (PDF)")
    @GetMapping(value = "/acts/{id}/act.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public byte[] act(@PathVariable long id) {
        try {
            return disposal.actPdf(id);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            throw new RejectedRequest("id", "Акт № " + id + " не найден");
        }
    }

    @Operation(summary = "Подтвердить уничтожение по акту: удалить документы и записать итог",
            description = "Документ под удержанием или с продлённым сроком не уничтожается; отказ записывается в акт.")
    @PostMapping("/acts/{id}/confirm")
    public Disposal.Outcome confirm(@PathVariable long id, Authentication who) {
        try {
            return disposal.confirm(id, who.getName());
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("id", e.getMessage());
        }
    }
}
