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
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.ingest.UnknownSchoolException;

/** Archive runs on demand (a school, a period or the year end, optionally one class) and their progress. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Архивирование")
@RestController
@RequestMapping("/api/v1/archive-runs")
@SecurityRequirement(name = "login")
public class ArchiveRunController {

    /** periodId empty: the year-end run; classId empty: every class; school = the district's code: its roll-up of a period. */
    public record NewRun(@NotBlank String school, @NotBlank String schoolYear, String periodId, String classId) {}

    private final ArchiveRunPlanner planner;
    private final ArchiveRuns runs;
    private final SchoolRegistry schools;
    private final SchoolSigningKeys keys;
    private final String district;

    public ArchiveRunController(ArchiveRunPlanner planner, ArchiveRuns runs, SchoolRegistry schools, SchoolSigningKeys keys,
                               JournalArchiveProperties properties) {
        this.planner = planner;
        this.runs = runs;
        this.schools = schools;
        this.keys = keys;
        this.district = properties.district().code();
    }

    @Operation(summary = "Запустить формирование архива за период или за учебный год")
    @PostMapping
    public ResponseEntity<ArchiveRuns.Progress> start(@Valid @RequestBody NewRun run, Principal who) {
        if (!run.school().equals(district)) schools.find(run.school()).orElseThrow(() -> new UnknownSchoolException(run.school()));
        String period = blankToNull(run.periodId());
        String cls = blankToNull(run.classId());
        var plan = planner.plan(run.school(), run.schoolYear(), period, cls, keys.hasSeal(run.school()));
        long id = runs.start(run.school(), run.schoolYear(), period, cls, who.getName(), plan);
        return ResponseEntity.accepted().location(URI.create("/api/v1/archive-runs/" + id)).body(runs.progress(id).orElseThrow());
    }

    @Operation(summary = "Ход формирования: документов запланировано, сформировано, ждут подписи, в архиве, с ошибкой")
    @GetMapping("/{id}")
    public ResponseEntity<ArchiveRuns.Progress> progress(@PathVariable long id) {
        return ResponseEntity.of(runs.progress(id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
