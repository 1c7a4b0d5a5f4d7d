package ru.journalarchive.app.archive;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.verification.VerificationController;
import ru.journalarchive.app.verification.PackageEvidence;
import ru.journalarchive.app.verification.Verifications;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.catalogue.CatalogueQuery;
import ru.journalarchive.storage.catalogue.DocumentNotFound;
import ru.journalarchive.storage.catalogue.LegalHolds;

/**
 * The archive for archivists, inspectors and directors (their own school only): search the
 * catalogue, see retention and hold, download a file or the whole package, verify an archived
 * document. Every download is written to the read audit, with who and from where.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Архив")
@RestController
@SecurityRequirement(name = "login")
@RequestMapping("/api/v1/documents")
public class DocumentsController {

    /** A catalogue entry as the API shows it: metadata, files (size and hashes), retention, hold, links. */
    public record DocumentView(String documentId, Map<String, String> metadata, Map<String, FileView> files,
                               String retentionClass, String retentionMode, ZonedDateTime retainUntil, boolean legalHold,
                               Long disposedByAct, Instant createdAt, Instant signedAt, String packageLink) {}

    public record FileView(long size, String sha256, String streebog256, String contentType, String link) {}

    public record Page(int page, int size, List<DocumentView> documents) {}

    public record Hold(boolean held, @NotBlank String reason) {}

    private final Catalogue catalogue;
    private final AuditedRetrieval retrieval;
    private final LegalHolds holds;
    private final ArchiveDownloads downloads;
    private final Verifications verifications;
    private final ArchiveEvidence evidence;

    public DocumentsController(Catalogue catalogue, AuditedRetrieval retrieval, LegalHolds holds, ArchiveDownloads downloads,
                               Verifications verifications, ArchiveEvidence evidence) {
        this.evidence = evidence;
        this.catalogue = catalogue;
        this.retrieval = retrieval;
        this.holds = holds;
        this.downloads = downloads;
        this.verifications = verifications;
    }

    @Operation(summary = "Поиск документов архива (школа, год, период, класс, предмет, вид, подписант, даты)")
    @GetMapping
    public Page search(@RequestParam Map<String, String> params,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdFrom,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdTo,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant signedFrom,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant signedTo,
                       @RequestParam(required = false) Boolean legalHold,
                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                       @io.swagger.v3.oas.annotations.Parameter(description = "Сортировка: createdAt (по умолчанию), title, classId, "
                               + "kind, signer, signedAt, retainUntil, legalHold; с «-» — по убыванию, например -signedAt")
                       @RequestParam(required = false) String sort,
                       Authentication who) {
        var equal = CatalogueSearchParameters.equal(params, who);
        CatalogueSearchParameters.checkPage(page, size);
        var query = CatalogueQuery.where(equal).created(new CatalogueQuery.Range(createdFrom, createdTo))
                .signed(new CatalogueQuery.Range(signedFrom, signedTo)).legalHold(legalHold).page(page, size)
                .sorted(CatalogueSearchParameters.sort(sort, CatalogueQuery.Sort.CREATED));
        return new Page(page, size, catalogue.search(query).stream().map(DocumentsController::view).toList());
    }

    @Operation(summary = "Документ архива: метаданные, файлы, срок хранения, удержание")
    @GetMapping("/{id}")
    public DocumentView document(@PathVariable String id, Authentication who) {
        return view(readable(id, who));
    }

    @Operation(summary = "Скачать файл документа (document.pdf, document.pdf.sig, data.json); чтение записывается в журнал")
    @GetMapping("/{id}/files/{name}")
    public ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String name, Authentication who,
                                       HttpServletRequest request) {
        return downloads.file(readable(id, who), name, who.getName(), request.getRemoteAddr());
    }

    @Operation(summary = "Скачать весь пакет документа (ZIP: файлы, manifest.json и, когда он уже есть, evidence-record.ers — "
            + "доказательство хранения RFC 4998 над manifest.json); каждое чтение записывается в журнал")
    @GetMapping(value = "/{id}/package.zip", produces = "application/zip")
    public ResponseEntity<byte[]> zip(@PathVariable String id, Authentication who, HttpServletRequest request) throws IOException {
        return downloads.packageZip(readable(id, who), who.getName(), request.getRemoteAddr());
    }

    @Operation(summary = "Проверить подпись документа архива (и хеши файлов по каталогу)",
            description = "Проверяется PDF с подписью; с detached=true — PDF и открепленная подпись .sig. format=pdf — печатный протокол. "
                    + "at — время, на которое проверяется подпись (например 2051-09-01T00:00:00Z), по данным самого пакета.")
    @GetMapping("/{id}/verification")
    public ResponseEntity<?> verify(@PathVariable String id, @RequestParam(defaultValue = "false") boolean detached,
                                    @RequestParam(defaultValue = "json") String format, @RequestParam(required = false) String at,
                                    Authentication who, HttpServletRequest request) {
        if (!List.of("json", "pdf").contains(format)) throw new RejectedRequest("format", "Формат отчёта: json или pdf");
        var context = Verifications.context(at);
        var document = readable(id, who);
        if (document.retainUntil() != null) context = context.retainUntil(document.retainUntil().toInstant());
        var problems = new java.util.ArrayList<String>();
        var record = evidence.evidenceFor(id);
        if (record.isPresent()) context = PackageEvidence.withEvidence(context, record.get(), manifest(document), problems);
        // The audited read fails on a hash that differs from the catalogue, so a verified file is the archived one.
        byte[] pdf = retrieval.read(id, "document.pdf", who.getName(), request.getRemoteAddr());
        var report = detached ? verifications.detached(pdf, retrieval.read(id, "document.pdf.sig", who.getName(), request.getRemoteAddr()), context)
                : verifications.pdf(pdf, context);
        if (!problems.isEmpty()) report = new ru.journalarchive.signing.verify.VerificationReport(report.verdict()
                .and(ru.journalarchive.signing.verify.Verdict.INDETERMINATE), report.signatures(), concat(report.reasons(), problems),
                report.documentTimestamps());
        return VerificationController.respond(report, id + ".pdf", format, context.at());
    }

    private byte[] manifest(ArchivedDocument document) {
        return downloads.manifest(document);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Operation(summary = "Наложить или снять удержание (legal hold) с причиной")
    @PutMapping("/{id}/legal-hold")
    public DocumentView hold(@PathVariable String id, @Valid @RequestBody Hold hold, Authentication who) {
        if (hold.held()) holds.place(id, hold.reason(), who.getName());
        else holds.lift(id, hold.reason(), who.getName());
        return view(catalogue.find(id).orElseThrow(() -> new DocumentNotFound(id)));
    }

    /** The document, if this user may read it: a director only their own school's. */
    private ArchivedDocument readable(String id, Authentication who) {
        var document = catalogue.find(id).orElseThrow(() -> new DocumentNotFound(id));
        String own = CatalogueSearchParameters.directorSchool(who);
        if (own != null && !own.equals(document.metadata().get("school")))
            throw new org.springframework.security.access.AccessDeniedException("document of another school");
        return document;
    }

    static DocumentView view(ArchivedDocument d) {
        String base = "/api/v1/documents/" + d.documentId();
        var files = new LinkedHashMap<String, FileView>();
        d.objects().forEach((name, e) -> files.put(name, new FileView(e.size(), e.sha256(), e.streebog256(), e.contentType(),
                base + "/files/" + name)));
        return new DocumentView(d.documentId(), d.metadata(), files, d.retentionClass(), d.retentionMode(), d.retainUntil(),
                d.legalHold(), d.disposedByAct(), d.createdAt(), d.signedAt(), base + "/package.zip");
    }
}
