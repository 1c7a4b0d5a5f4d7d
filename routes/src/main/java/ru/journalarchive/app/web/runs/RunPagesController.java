package ru.journalarchive.app.web.runs;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.run.ArchiveRunStarter;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.journal.ingest.UnknownSchoolException;

/**
 * The administrator's archive runs: the latest runs and a form to start one, and each run's progress
 * (documents per state, the estimate, the failing documents and the dead letters with «Повторить»).
 * The progress page's script polls progress.json; without the script a reload shows the same.
 */
@Controller
@RequestMapping("/admin/runs")
public class RunPagesController {

    private static final Logger log = LoggerFactory.getLogger(RunPagesController.class);
    private static final int RECENT = 30;
    private static final Set<String> FIELDS = Set.of("school", "schoolYear", "periodId", "classId");

    /** The start form; blank period: the year end, blank class: every class. */
    public record RunForm(String school, String schoolYear, String periodId, String classId) {}

    private final ArchiveRunStarter starter;
    private final ArchiveRuns runs;
    private final RunViews views;
    private final RunFormChoices choices;

    public RunPagesController(ArchiveRunStarter starter, ArchiveRuns runs, RunViews views, RunFormChoices choices) {
        this.starter = starter;
        this.runs = runs;
        this.views = views;
        this.choices = choices;
    }

    @GetMapping
    public String list(Model model) {
        return list(model, new RunForm(null, null, null, null), Map.of());
    }

    @PostMapping
    public String start(@ModelAttribute RunForm form, Model model, Principal who) {
        var errors = new LinkedHashMap<String, String>();
        if (blank(form.school())) errors.put("school", "Укажите школу.");
        if (blank(form.schoolYear())) errors.put("schoolYear", "Укажите учебный год.");
        if (!errors.isEmpty()) return list(model, form, errors);
        try {
            long id = starter.start(form.school().trim(), form.schoolYear().trim(), form.periodId(), form.classId(), who.getName());
            log.info("run {} started by {} from the page", id, who.getName());
            return "redirect:/admin/runs/" + id;
        } catch (UnknownSchoolException e) {
            errors.put("school", "Школа с кодом «" + form.school().trim() + "» не зарегистрирована.");
        } catch (RejectedRequest e) {
            errors.put(FIELDS.contains(e.path()) ? e.path() : "school", e.getMessage() + ".");
        }
        return list(model, form, errors);
    }

    private String list(Model model, RunForm form, Map<String, String> errors) {
        model.addAttribute("runs", views.recent(RECENT));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("schools", choices.schools());
        model.addAttribute("years", choices.years());
        model.addAttribute("yearChoices", choices.of(form.school(), form.schoolYear()));
        return "runs/list";
    }

    /** The periods and classes of a school year, for the start form's lists. */
    @GetMapping("/choices.json")
    @ResponseBody
    public RunFormChoices.YearChoices yearChoices(@RequestParam(required = false) String school,
                                                  @RequestParam(required = false) String schoolYear) {
        return choices.of(school, schoolYear);
    }

    @GetMapping("/{id}")
    public String progress(@PathVariable long id, Model model) {
        model.addAttribute("run", view(id));
        return "runs/progress";
    }

    @GetMapping("/{id}/progress.json")
    @ResponseBody
    public RunView progressJson(@PathVariable long id) {
        return view(id);
    }

    /** A document given up on goes round again (its cause put right); the page says so after the redirect. */
    @PostMapping("/{id}/documents/{documentId}/retry")
    public String retry(@PathVariable long id, @PathVariable String documentId, Principal who, RedirectAttributes redirect) {
        if (!runs.includes(id, documentId)) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        if (runs.retry(documentId)) {
            log.info("run {}: document {} retried by {}", id, documentId, who.getName());
            redirect.addFlashAttribute("notice", "Документ " + documentId + " отправлен на повторное формирование.");
        } else {
            redirect.addFlashAttribute("problem", "Документ " + documentId + " уже не в состоянии «ошибка»: повторять нечего.");
        }
        return "redirect:/admin/runs/" + id;
    }

    private RunView view(long id) {
        return views.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
