package ru.journalarchive.app.web.inspector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.web.WebProperties;
import ru.journalarchive.signing.verify.VerificationProtocol;
import ru.journalarchive.signing.verify.VerificationReport;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.Catalogue;

/**
 * The inspector's check: a file brought in (a signed PDF, or any file with its .sig) or a document of
 * the archive (read through the audit log). Nothing brought in is stored; the last report stays in the
 * inspector's session for its printable protocol.
 */
@Controller
@RequestMapping("/inspector")
public class InspectorController {

    static final String LAST = InspectorController.class.getName() + ".last";
    static final String LAST_NAME = InspectorController.class.getName() + ".lastName";

    private final InspectorChecks checks;
    private final Catalogue catalogue;
    private final AuditedRetrieval retrieval;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final long maxUpload;

    public InspectorController(InspectorChecks checks, Catalogue catalogue, AuditedRetrieval retrieval, ObjectMapper json,
                               JournalArchiveProperties properties, WebProperties web) {
        this.checks = checks;
        this.catalogue = catalogue;
        this.retrieval = retrieval;
        this.json = json;
        this.zone = ZoneId.of(properties.reports().timeZone());
        this.maxUpload = web.maxUpload().toBytes();
    }

    @GetMapping
    public String form() {
        return "inspector/check";
    }

    @PostMapping("/upload")
    public String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) MultipartFile signature,
                         Model model, HttpSession session) throws IOException {
        var errors = new LinkedHashMap<String, String>();
        boolean withSignature = signature != null && !signature.isEmpty();
        if (file == null || file.isEmpty()) errors.put("file", "Выберите файл для проверки.");
        else if (file.getSize() > maxUpload) errors.put("file", "Файл больше " + megabytes(maxUpload) + ": такой не проверяется.");
        if (withSignature && signature.getSize() > maxUpload)
            errors.put("signature", "Файл подписи больше " + megabytes(maxUpload) + ".");
        byte[] content = errors.containsKey("file") ? null : file.getBytes();
        if (content != null && !withSignature && !InspectorChecks.isPdf(content))
            errors.put("file", "Это не PDF. Чтобы проверить файл другого вида, приложите его открепленную подпись (.sig).");
        if (!errors.isEmpty()) return refused(model, errors);
        var checked = checks.check(content, withSignature ? signature.getBytes() : null);
        if (withSignature && checked.report().signatures().isEmpty())
            return refused(model, Map.of("signature", "Файл подписи не читается: " + String.join("; ", checked.report().reasons())));
        return result(model, session, file.getOriginalFilename(), checked);
    }

    @PostMapping("/archive")
    public String archived(@RequestParam(required = false) String documentId, Model model, HttpSession session, Principal who,
                           HttpServletRequest request) {
        String id = documentId == null ? "" : documentId.trim();
        var document = id.isEmpty() ? null : catalogue.find(id).orElse(null);
        if (document == null) return refused(model, Map.of("documentId", id.isEmpty() ? "Укажите номер документа архива."
                : "Документа с номером «" + id + "» в архиве нет."));
        // Every read of an archived document is audited, the inspector's too.
        byte[] pdf = retrieval.read(id, "document.pdf", who.getName(), request.getRemoteAddr());
        byte[] sig = document.objects().containsKey("document.pdf.sig")
                ? retrieval.read(id, "document.pdf.sig", who.getName(), request.getRemoteAddr()) : null;
        model.addAttribute("documentId", id);
        return result(model, session, id + ".pdf", checks.check(pdf, sig));
    }

    @GetMapping("/protocol")
    public ResponseEntity<byte[]> protocol(HttpSession session) throws JsonProcessingException {
        var last = (String) session.getAttribute(LAST);
        if (last == null) return ResponseEntity.notFound().build();
        String name = (String) session.getAttribute(LAST_NAME);
        var report = json.readValue(last, VerificationReport.class);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("протокол-проверки.pdf", java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(VerificationProtocol.pdf(report, name, Instant.now()));
    }

    private String result(Model model, HttpSession session, String name, InspectorChecks.Checked checked) {
        try {
            session.setAttribute(LAST, json.writeValueAsString(checked.report()));
            session.setAttribute(LAST_NAME, name);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep the report for its protocol", e);
        }
        model.addAttribute("result", CheckResult.of(name, checked.report(), checked.sources(), zone));
        return "inspector/check";
    }

    private static String refused(Model model, Map<String, String> errors) {
        model.addAttribute("errors", errors);
        return "inspector/check";
    }

    private static String megabytes(long bytes) {
        return bytes / (1024 * 1024) + " МБ";
    }
}
