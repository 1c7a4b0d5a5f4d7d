package ru.journalarchive.app.verification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.signing.verify.VerificationProtocol;
import ru.journalarchive.signing.verify.VerificationReport;

/** The inspector's check of a file brought in: a signed PDF, or any file with its detached signature. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Проверка подписи")
@RestController
@SecurityRequirement(name = "login")
@RequestMapping("/api/v1/verifications")
public class VerificationController {

    private final Verifications verifications;

    public VerificationController(Verifications verifications) {
        this.verifications = verifications;
    }

    @Operation(summary = "Проверить электронную подпись: PDF с подписью или файл с открепленной подписью (.sig)",
            description = "format=json (по умолчанию) — отчёт; format=pdf — печатный протокол проверки. at — время, на которое "
                    + "проверяется подпись (например 2051-09-01T00:00:00Z): только по данным, которые несёт сам документ.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> verify(@RequestPart("file") MultipartFile file, @RequestPart(value = "signature", required = false) MultipartFile signature,
                                    @RequestParam(defaultValue = "json") String format,
                                    @RequestParam(required = false) String at) throws IOException {
        if (!List.of("json", "pdf").contains(format)) throw new RejectedRequest("format", "Формат отчёта: json или pdf");
        if (file.isEmpty()) throw new RejectedRequest("file", "Файл пуст");
        var context = Verifications.context(at);
        VerificationReport report = signature == null || signature.isEmpty() ? verifications.pdf(file.getBytes(), context)
                : verifications.detached(file.getBytes(), signature.getBytes(), context);
        return respond(report, file.getOriginalFilename(), format, context.at());
    }

    /** The report as JSON, or the printable protocol (dated {@code at}, or now). */
    public static ResponseEntity<?> respond(VerificationReport report, String name, String format, Instant at) {
        if (format.equals("pdf"))
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(VerificationProtocol.pdf(report, name,
                    at != null ? at : Instant.now()));
        return ResponseEntity.ok(report);
    }
}
