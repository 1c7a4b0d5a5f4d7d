package ru.journalarchive.app.archive;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.ApiProblems;
import ru.journalarchive.journal.ingest.Problem;
import ru.journalarchive.storage.catalogue.FixityAudit;

/** The fixity audit's summary (the last finished run and its findings), and a run on demand. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Администрирование")
@RestController
@RequestMapping("/api/v1/admin/fixity")
@SecurityRequirement(name = "login")
public class FixityController {

    private final FixityAudit fixity;

    public FixityController(FixityAudit fixity) {
        this.fixity = fixity;
    }

    @GetMapping
    @Operation(summary = "Итог последней проверки целостности архива")
    public ResponseEntity<?> last() {
        return fixity.lastReport().<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).body(ApiProblems.problem(HttpStatus.NOT_FOUND, "Проверок ещё не было",
                        "Проверка целостности архива ещё не проводилась.", List.of())));
    }

    @PostMapping
    @Operation(summary = "Проверить целостность архива сейчас: все документы (sample=0) или случайную выборку")
    public ResponseEntity<?> run(@RequestParam(defaultValue = "0") int sample) {
        if (sample < 0) return ResponseEntity.badRequest().body(ApiProblems.problem(HttpStatus.BAD_REQUEST,
                "Некорректный запрос", "Размер выборки не может быть отрицательным.",
                List.of(new Problem("sample", "Должно быть 0 (все документы) или больше"))));
        fixity.run(sample);
        return ResponseEntity.ok(fixity.lastReport().orElseThrow());
    }
}
