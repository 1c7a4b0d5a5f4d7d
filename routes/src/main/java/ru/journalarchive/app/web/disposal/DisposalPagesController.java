package ru.journalarchive.app.web.disposal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import ru.journalarchive.app.archive.DisposalActPrinter;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.storage.catalogue.Disposal;

/**
 * The archivist's disposal: the documents whose retention has run out and that no hold keeps, an act
 * prepared from a selection, and its confirmation, which asks for the act's number so that nobody
 * destroys documents with one stray click. Nothing is deleted before that confirmation.
 */
@Controller
@RequestMapping("/archive/disposal")
public class DisposalPagesController {

    private static final int ACTS_SHOWN = 50;
    /** A district's whole year can run out on one 1 January: the page shows a workable number at a time. */
    static final int DOCUMENTS_SHOWN = 500;

    private final Disposal disposal;
    private final DisposalRows rows;
    private final SchoolRegistry schools;
    private final ReportEngine engine;
    private final JournalArchiveProperties properties;

    public DisposalPagesController(Disposal disposal, DisposalRows rows, SchoolRegistry schools, ReportEngine engine,
                                   JournalArchiveProperties properties) {
        this.disposal = disposal;
        this.rows = rows;
        this.schools = schools;
        this.engine = engine;
        this.properties = properties;
    }

    @GetMapping
    public String eligible(@RequestParam(required = false) String school, @RequestParam(required = false) Integer size, Model model) {
        Instant now = Instant.now();
        String of = school == null || school.isBlank() ? null : school.strip();
        int shown = size == null || size < 1 || size > DOCUMENTS_SHOWN ? DOCUMENTS_SHOWN : size;
        var documents = rows.rows(disposal.eligible(now, of, shown));
        model.addAttribute("documents", documents);
        model.addAttribute("total", documents.size() < shown ? documents.size() : disposal.countEligible(now, of));
        model.addAttribute("school", of);
        model.addAttribute("schools", schools.all());
        model.addAttribute("held", disposal.heldPastRetention(now));
        model.addAttribute("acts", rows.acts(disposal.acts(ACTS_SHOWN)));
        if (!model.containsAttribute("selected")) model.addAttribute("selected", List.of());
        return "disposal/eligible";
    }

    @PostMapping("/acts")
    public String prepare(@RequestParam(required = false) List<String> documentIds, @RequestParam(required = false) String school,
                          Authentication who, Model model) {
        var selected = documentIds == null ? List.<String>of() : documentIds;
        if (selected.isEmpty()) return refused(model, school, selected, "Отметьте документы, которые войдут в акт.", List.of());
        long act;
        try {
            act = disposal.prepare(who.getName(), selected, DisposalActPrinter.of(engine, properties, signatory(who)));
        } catch (Disposal.NotEligible e) {
            // Held or taken by another act since the page was shown: nothing prepared, each one named.
            return refused(model, school, selected, "Акт не составлен: эти документы больше не подлежат уничтожению.", e.refusals());
        }
        return "redirect:/archive/disposal/acts/" + act;
    }

    private String refused(Model model, String school, List<String> selected, String message, List<Disposal.Refusal> refusals) {
        model.addAttribute("selected", selected);
        model.addAttribute("selectionError", message);
        model.addAttribute("refusals", refusals);
        return eligible(school, null, model);
    }

    @GetMapping("/acts/{id}")
    public String act(@PathVariable long id, Model model) {
        var act = disposal.act(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var view = rows.act(act);
        var items = rows.actRows(disposal.items(id), act.confirmed());
        model.addAttribute("act", view);
        model.addAttribute("items", items);
        model.addAttribute("refused", items.stream().filter(i -> i.state().equals("refused")).toList());
        return "disposal/act";
    }

    @PostMapping("/acts/{id}/confirm")
    public String confirm(@PathVariable long id, @RequestParam(required = false) String number, Authentication who, Model model) {
        if (disposal.act(id).isEmpty()) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        String typed = number == null ? "" : number.replace("№", "").strip();
        String error = typed.isEmpty() ? "Введите номер акта, чтобы подтвердить уничтожение."
                : typed.equals(Long.toString(id)) ? null
                : "Номер «" + typed + "» не совпадает с номером этого акта. Ничего не удалено.";
        if (error != null) {
            model.addAttribute("errors", Map.of("number", error));
            model.addAttribute("number", typed);
            return act(id, model);
        }
        disposal.confirm(id, who.getName());
        return "redirect:/archive/disposal/acts/" + id;
    }

    /** The act itself, as printed when it was prepared; downloaded (a PDF viewer does not open under the pages' policy). */
    @GetMapping("/acts/{id}/act.pdf")
    public ResponseEntity<byte[]> actPdf(@PathVariable long id) {
        if (disposal.act(id).isEmpty()) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("акт-" + id + "-о-выделении-к-уничтожению.pdf", java.nio.charset.StandardCharsets.UTF_8).build()
                        .toString())
                .body(disposal.actPdf(id));
    }

    /** Who signs the printed act: the archivist's full name where the login has one. */
    private static String signatory(Authentication who) {
        return who.getPrincipal() instanceof AppUsers.SchoolUser user && user.fullName() != null && !user.fullName().isBlank()
                ? user.fullName() : who.getName();
    }
}
