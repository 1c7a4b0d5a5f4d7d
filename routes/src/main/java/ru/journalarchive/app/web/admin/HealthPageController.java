package ru.journalarchive.app.web.admin;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.journalarchive.storage.catalogue.FixityAudit;

/** The service's health (database, S3 with object lock, TSA, evidence records) and the archive's fixity audit. */
@Controller
@RequestMapping("/admin/health")
public class HealthPageController {

    public record FindingRow(String documentId, String objectName, String problem, String expected, String actual) {}

    public record LastAudit(long runId, String startedAt, String finishedAt, int checked, int failures, List<FindingRow> findings) {}

    private final ServiceHealthView health;
    private final FixityAudit fixity;
    private final AdminTimes times;

    public HealthPageController(ServiceHealthView health, FixityAudit fixity, AdminTimes times) {
        this.health = health;
        this.fixity = fixity;
        this.times = times;
    }

    @GetMapping
    public String page(Model model) {
        model.addAttribute("health", health.now());
        model.addAttribute("audit", fixity.lastReport().map(r -> new LastAudit(r.run().runId(), times.format(r.startedAt()),
                times.format(r.finishedAt()), r.run().checked(), r.run().failures(), r.findings().stream().map(f -> new FindingRow(
                        f.documentId(), f.objectName(), problem(f.problem()), f.expected(), f.actual())).toList())).orElse(null));
        return "admin/health";
    }

    /** Runs the audit now, as the API does: the page answers when it has finished. Empty sample: every document. */
    @PostMapping("/fixity")
    public String audit(@RequestParam(required = false) String sample, Model model, RedirectAttributes redirect) {
        String given = sample == null ? "" : sample.strip();
        int size;
        try {
            size = given.isEmpty() ? 0 : Integer.parseInt(given);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 0) {
            model.addAttribute("errors", Map.of("sample", "Размер выборки — целое число не меньше 0 (пусто или 0: все документы)"));
            model.addAttribute("sample", given);
            return page(model);
        }
        var run = fixity.run(size);
        redirect.addFlashAttribute("message", "Проверка целостности № " + run.runId() + " завершена: проверено объектов — "
                + run.checked() + ", расхождений — " + run.failures() + ".");
        return "redirect:/admin/health#fixity";
    }

    static String problem(String code) {
        return switch (code) {
            case "MISMATCH" -> "Хеш не совпадает с каталогом";
            case "UNREADABLE" -> "Объект не читается";
            case "MANIFEST_MISMATCH" -> "Манифест в хранилище расходится с каталогом";
            default -> code;
        };
    }
}
