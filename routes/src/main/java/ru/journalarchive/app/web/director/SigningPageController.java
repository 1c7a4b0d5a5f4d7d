package ru.journalarchive.app.web.director;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.ResourceNotFound;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.DirectorSigning;
import ru.journalarchive.app.run.SigningPreviews;
import ru.journalarchive.app.run.TokenCertificates;
import ru.journalarchive.app.run.ExternalDirectorSigning;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.app.web.WebProperties;

/**
 * The director's signing page: the queue by class, previews, and the batch signed with the server-held
 * key or on a token through the CryptoPro plug-in (the page's script drives the plug-in and these JSON
 * endpoints; the session's CSRF token guards them). Only the director of the school in the path gets here.
 */
@Controller
@RequestMapping("/schools/{school}/signing")
public class SigningPageController {

    public record Batch(@NotEmpty List<String> documentIds) {}

    /** certificate: from the plug-in's Export(0), base64 DER. */
    public record TokenBatch(@NotEmpty List<String> documentIds, @NotBlank String certificate) {}

    public record Certificate(@NotBlank String certificate) {}

    public record Signatures(@NotEmpty List<ExternalDirectorSigning.Completion> signatures) {}

    public record Standing(String documentId, String state, String message) {}

    private final SigningQueuePage queue;
    private final ArchiveRuns runs;
    private final DirectorSigning signing;
    private final ExternalDirectorSigning external;
    private final SchoolSigningKeys keys;
    private final SigningPreviews previews;
    private final TokenCertificateCheck certificates;
    private final WebProperties web;

    public SigningPageController(SigningQueuePage queue, ArchiveRuns runs, DirectorSigning signing, ExternalDirectorSigning external,
                                 SchoolSigningKeys keys, SigningPreviews previews, TokenCertificateCheck certificates, WebProperties web) {
        this.queue = queue;
        this.runs = runs;
        this.signing = signing;
        this.external = external;
        this.keys = keys;
        this.previews = previews;
        this.certificates = certificates;
        this.web = web;
    }

    @GetMapping
    public String page(@PathVariable String school, Model model) {
        model.addAttribute("school", school);
        model.addAttribute("classes", queue.classes(school));
        model.addAttribute("serverKey", keys.director(school).isPresent());
        model.addAttribute("pluginUrl", web.cadespluginApiUrl());
        model.addAttribute("pluginTimeoutMillis", web.pluginTimeout().toMillis());
        return "director/signing";
    }

    @GetMapping("/documents/{documentId}/preview")
    public ResponseEntity<byte[]> preview(@PathVariable String school, @PathVariable String documentId) {
        byte[] pdf = previews.pdf(school, documentId)
                .orElseThrow(() -> new ResourceNotFound("documentId", "Документ " + documentId + " не ожидает подписи"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(documentId + ".pdf").build().toString())
                .body(pdf);
    }

    @PostMapping("/server")
    @ResponseBody
    public List<DirectorSigning.Outcome> signWithServerKey(@PathVariable String school, @Valid @RequestBody Batch batch, Principal who) {
        return signing.approveForServerKey(school, batch.documentIds(), who.getName());
    }

    /** Where each document of a batch now stands, for the page's progress after approval. */
    @PostMapping("/status")
    @ResponseBody
    public List<Standing> status(@PathVariable String school, @Valid @RequestBody Batch batch) {
        return batch.documentIds().stream().map(id -> runs.find(id).filter(d -> d.plan().school().equals(school))
                .map(d -> new Standing(id, d.state().name(), d.lastError()))
                .orElse(new Standing(id, "UNKNOWN", "Документ не найден"))).toList();
    }

    @PostMapping("/token/certificate")
    @ResponseBody
    public TokenCertificateCheck.Verdict checkCertificate(@Valid @RequestBody Certificate body,
                                                          @AuthenticationPrincipal AppUsers.SchoolUser director) {
        return certificates.check(TokenCertificates.parse(body.certificate()), director.fullName());
    }

    @PostMapping("/token/prepare")
    @ResponseBody
    public List<ExternalDirectorSigning.Progress> prepare(@PathVariable String school, @Valid @RequestBody TokenBatch batch,
                                                          @AuthenticationPrincipal AppUsers.SchoolUser director) {
        var certificate = TokenCertificates.parse(batch.certificate());
        var verdict = certificates.check(certificate, director.fullName());
        if (!verdict.errors().isEmpty()) throw new RejectedRequest("certificate", verdict.errors().get(0));
        return external.prepare(school, batch.documentIds(), certificate);
    }

    /** What a batch interrupted by a closed tab or a restarted node left to sign: the page continues from there. */
    @GetMapping("/token/sessions")
    @ResponseBody
    public List<ExternalDirectorSigning.Step> openSessions(@PathVariable String school) {
        return external.open(school);
    }

    @PostMapping("/token/complete")
    @ResponseBody
    public List<ExternalDirectorSigning.Progress> complete(@PathVariable String school, @Valid @RequestBody Signatures signatures) {
        return external.complete(school, signatures.signatures());
    }
}
