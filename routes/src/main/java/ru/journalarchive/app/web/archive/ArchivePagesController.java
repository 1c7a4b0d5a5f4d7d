package ru.journalarchive.app.web.archive;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.journalarchive.app.archive.ArchiveDownloads;
import ru.journalarchive.app.run.DocumentKind;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.catalogue.LegalHolds;

/**
 * The archive for archivists and inspectors: the search over the catalogue, a document's page, its
 * downloads (every file through the read audit) and, for archivists, placing and lifting a legal hold
 * with a reason after a confirmation.
 */
@Controller
@RequestMapping("/archive")
public class ArchivePagesController {

    private final Catalogue catalogue;
    private final ArchiveViews views;
    private final ArchiveDownloads downloads;
    private final SchoolNames names;
    private final LegalHolds holds;

    public ArchivePagesController(Catalogue catalogue, ArchiveViews views, ArchiveDownloads downloads, SchoolNames names, LegalHolds holds) {
        this.catalogue = catalogue;
        this.views = views;
        this.downloads = downloads;
        this.names = names;
        this.holds = holds;
    }

    @GetMapping
    public String search(@RequestParam Map<String, String> params, Authentication who, Model model, HttpServletRequest request) {
        var form = SearchForm.of(params);
        var parsed = form.parse(views.zone(), names, who);
        model.addAttribute("form", form);
        model.addAttribute("errors", parsed.errors());
        model.addAttribute("schools", views.schools());
        model.addAttribute("kinds", java.util.Arrays.stream(DocumentKind.values())
                .map(k -> Map.entry(k.code(), ArchiveWords.kind(k.code()))).toList());
        if (parsed.query() != null)
            model.addAttribute("results", views.results(form, parsed.query(), catalogue.page(parsed.query(), SearchForm.COUNT_LIMIT),
                    request.getContextPath()));
        return "archive/search";
    }

    @GetMapping("/documents/{id}")
    public String document(@PathVariable String id, Authentication who, Model model, HttpServletRequest request) {
        return documentPage(find(id), who, model, request);
    }

    @GetMapping("/documents/{id}/files/{name}")
    public ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String name, Authentication who, HttpServletRequest request) {
        var document = downloadable(id);
        if (!document.objects().containsKey(name)) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        return downloads.file(document, name, who.getName(), request.getRemoteAddr());
    }

    @GetMapping("/documents/{id}/package.zip")
    public ResponseEntity<byte[]> packageZip(@PathVariable String id, Authentication who, HttpServletRequest request) throws IOException {
        return downloads.packageZip(downloadable(id), who.getName(), request.getRemoteAddr());
    }

    /**
     * Places (held=true) or lifts a legal hold: first the confirmation with the reason, then, confirmed, the
     * hold on every object of the package. Without a reason nothing happens and the page says why.
     */
    @PostMapping("/documents/{id}/legal-hold")
    public String legalHold(@PathVariable String id, @RequestParam(defaultValue = "true") boolean held,
                            @RequestParam(required = false) String reason, @RequestParam(defaultValue = "false") boolean confirmed,
                            Authentication who, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        var document = find(id);
        if (document.disposedByAct() != null) throw new ResponseStatusException(HttpStatus.CONFLICT, "the document was destroyed");
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty()) {
            model.addAttribute("holdError", held ? "Укажите причину удержания: например, номер запроса суда или проверки."
                    : "Укажите причину снятия удержания.");
            model.addAttribute("holdReason", "");
            return documentPage(document, who, model, request);
        }
        if (!confirmed) {
            model.addAttribute("document", views.document(document, request.getContextPath()));
            model.addAttribute("held", held);
            model.addAttribute("reason", why);
            return "archive/hold-confirm";
        }
        if (held) holds.place(id, why, who.getName());
        else holds.lift(id, why, who.getName());
        redirect.addFlashAttribute("message", held ? "Удержание наложено на все файлы документа." : "Удержание снято.");
        return "redirect:/archive/documents/" + id;
    }

    private String documentPage(ArchivedDocument document, Authentication who, Model model, HttpServletRequest request) {
        model.addAttribute("document", views.document(document, request.getContextPath()));
        model.addAttribute("mayHold", who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.ARCHIVIST.authority()))
                && document.disposedByAct() == null);
        return "archive/document";
    }

    private ArchivedDocument find(String id) {
        return catalogue.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** A destroyed document has no files left. */
    private ArchivedDocument downloadable(String id) {
        var document = find(id);
        if (document.disposedByAct() != null) throw new ResponseStatusException(HttpStatus.GONE);
        return document;
    }
}
