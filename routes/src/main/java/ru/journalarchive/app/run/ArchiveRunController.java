package ru.journalarchive.app.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.ResourceNotFound;

/** Archive runs on demand (a school, a period or the year end, optionally one class) and their progress. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Архивирование")
@RestController
@RequestMapping("/api/v1/archive-runs")
@SecurityRequirement(name = "login")
public class ArchiveRunController {

    private static final Logger log = LoggerFactory.getLogger(ArchiveRunController.class);

    /** periodId empty: the year-end run; classId empty: every class; school = the district's code: its roll-up of a period. */
    public record NewRun(@NotBlank String school, @NotBlank String schoolYear, String periodId, String classId) {}

    private final ArchiveRunStarter starter;
    private final ArchiveRuns runs;

    public ArchiveRunController(ArchiveRunStarter starter, ArchiveRuns runs) {
        this.starter = starter;
        this.runs = runs;
    }

    @Operation(summary = "Запустить формирование архива за период или за учебный год")
    @PostMapping
    public ResponseEntity<ArchiveRuns.Progress> start(@Valid @RequestBody NewRun run, Principal who) {
        long id = starter.start(run.school(), run.schoolYear(), run.periodId(), run.classId(), who.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/archive-runs/" + id)).body(runs.progress(id).orElseThrow());
    }

    @Operation(summary = "Ход формирования: документов запланировано, сформировано, ждут подписи, в архиве, с ошибкой")
    @GetMapping("/{id}")
    public ResponseEntity<ArchiveRuns.Progress> progress(@PathVariable long id) {
        return ResponseEntity.of(runs.progress(id));
    }

    @Operation(summary = "Повторить документ, от которого отказались после всех попыток (когда причина устранена)",
            description = "Документ в состоянии FAILED формируется заново (или, если он уже подписан, снова сохраняется в архив); "
                    + "запись о неудаче остаётся. 404 — документа нет в этом запуске, 422 — документ не в состоянии FAILED.")
    @PostMapping("/{id}/documents/{documentId}/retry")
    public ResponseEntity<ArchiveRuns.Progress> retry(@PathVariable long id, @PathVariable String documentId, Principal who) {
        if (!runs.includes(id, documentId))
            throw new ResourceNotFound("documentId", "В запуске " + id + " нет документа " + documentId);
        if (!runs.retry(documentId))
            throw new RejectedRequest("documentId", "Документ " + documentId + " не в состоянии «ошибка»: повторять нечего");
        log.info("run {}: document {} retried by {}", id, documentId, who.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/archive-runs/" + id)).body(runs.progress(id).orElseThrow());
    }
}
