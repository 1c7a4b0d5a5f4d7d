package ru.journalarchive.app.archive;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.ApiProblems;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.journal.ingest.Problem;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.storage.catalogue.Disposal;

/** Destruction after retention, for archivists: what may go, the act to approve, and the confirmation. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Уничтожение")
@RestController
@SecurityRequirement(name = "login")
@RequestMapping("/api/v1/disposal")
public class DisposalController {

    public record Act(long id, String pdf, String confirm) {}

    /** The documents an act is prepared for; without it, every document eligible now. */
    public record Selection(@ArraySchema(arraySchema = @Schema(description = "Номера документов архива для акта"),
            schema = @Schema(example = "summary-ledger--demo--2020--year--c-2020-9a")) List<String> documentIds) {}

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

    @Operation(summary = "Составить акт о выделении к уничтожению (ничего не удаляется до подтверждения)",
            description = "Без тела (или без documentIds) — акт на все документы, подлежащие уничтожению сейчас. "
                    + "С {\"documentIds\": [...]} — только на выбранные; если хоть один из них не подлежит уничтожению "
                    + "(удержание, срок хранения не истёк, уже уничтожен, нет в архиве), акт не составляется, а errors[] "
                    + "называет каждый такой документ (path documentIds[i]) с причиной.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
            content = @Content(schema = @Schema(implementation = Selection.class)))
    @ApiResponse(responseCode = "201", description = "Акт составлен", content = @Content(schema = @Schema(implementation = Act.class)))
    @ApiResponse(responseCode = "422", description = "Нечего включить в акт или выбранный документ не подлежит уничтожению")
    @PostMapping("/acts")
    public ResponseEntity<?> prepare(@RequestBody(required = false) Selection selection, Authentication who) {
        var printer = DisposalActPrinter.of(engine, properties, who.getName());
        long id;
        try {
            id = selection == null || selection.documentIds() == null ? disposal.prepare(who.getName(), printer)
                    : disposal.prepare(who.getName(), selection.documentIds(), printer);
        } catch (Disposal.NotEligible e) {
            return notEligible(selection.documentIds(), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new RejectedRequest(selection == null ? "" : "documentIds", e.getMessage());
        }
        String base = "/api/v1/disposal/acts/" + id;
        return ResponseEntity.created(URI.create(base)).body(new Act(id, base + "/act.pdf", base + "/confirm"));
    }

    /** Each refused document named by its place in the request. */
    private static ResponseEntity<?> notEligible(List<String> requested, Disposal.NotEligible e) {
        var errors = new ArrayList<Problem>();
        for (var refusal : e.refusals()) {
            int at = requested.stream().map(id -> id == null ? null : id.trim()).toList().indexOf(refusal.documentId());
            errors.add(new Problem("documentIds[" + at + "]", refusal.documentId() + ": " + refusal.reason()));
        }
        var problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Запрос не выполнен",
                "Акт не составлен: не подлежат уничтожению документов — " + errors.size() + ".", errors);
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Operation(summary = "Акты о выделении к уничтожению, новые первыми: кто и когда составил, подтверждён ли, итог")
    @GetMapping("/acts")
    public List<Disposal.ActSummary> acts(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) throw new RejectedRequest("limit", "limit — от 1 до 1000");
        return disposal.acts(limit);
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
            description = "Документ под удержанием, с продлённым сроком или уже уничтоженный по другому акту не уничтожается; "
                    + "отказ записывается в акт.")
    @PostMapping("/acts/{id}/confirm")
    public Disposal.Outcome confirm(@PathVariable long id, Authentication who) {
        try {
            return disposal.confirm(id, who.getName());
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("id", e.getMessage());
        }
    }
}
