package ru.journalarchive.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import ru.journalarchive.signing.pki.CertificateFiles;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.VerificationProtocol;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.VerificationReport;

/**
 * {@code verify FILE [--detached SIG] [--trust CERT.pem]... [--crl CRL]... [--fetch-crls] [--format text|json|pdf] [--out FILE]}:
 * the inspector's check, without database or S3, offline unless --fetch-crls asks for the CRLs the
 * certificates name. Exit code 0 when every signature is valid,
 * 1 when one is invalid, 2 when it cannot be decided (untrusted chain, missing data), 64 on a usage error.
 */
final class VerifyCommand {

    private VerifyCommand() {}

    static int run(String[] args, PrintStream out) throws IOException {
        Path file = null;
        Path detached = null;
        Path target = null;
        String format = "text";
        var roots = new ArrayList<X509Certificate>();
        var crls = new ArrayList<X509CRL>();
        boolean fetch = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--fetch-crls")) {
                fetch = true;
                continue;
            }
            if (!a.startsWith("--")) {
                if (file != null) throw new Cli.UsageException("only one file to verify: " + a);
                file = Path.of(a);
                continue;
            }
            if (i + 1 >= args.length) throw new Cli.UsageException(a + " needs a value");
            String value = args[++i];
            switch (a) {
                case "--detached" -> detached = Path.of(value);
                case "--trust" -> roots.addAll(certificates(Path.of(value)));
                case "--crl" -> crls.addAll(crls(Path.of(value)));
                case "--format" -> format = value;
                case "--out" -> target = Path.of(value);
                default -> throw new Cli.UsageException("unknown option " + a);
            }
        }
        if (file == null) throw new Cli.UsageException("verify needs a FILE");
        if (!List.of("text", "json", "pdf").contains(format)) throw new Cli.UsageException("--format is text, json or pdf");
        byte[] content = read(file);
        var offline = new TrustAnchors(roots, List.of(), crls);
        var trust = fetch ? offline.fetchingCrls(java.time.Duration.ofSeconds(10)) : offline;
        VerificationReport report = detached != null
                ? new CmsSignatureVerifier(trust).verifyDetached(content, read(detached))
                : new PdfSignatureVerifier(trust).verify(content);
        var checkedAt = java.time.Instant.now();
        String name = file.getFileName().toString();
        byte[] rendered = switch (format) {
            case "json" -> json(report);
            case "pdf" -> VerificationProtocol.pdf(report, name, checkedAt);
            default -> ("Протокол проверки электронной подписи\n"
                    + String.join("\n", VerificationProtocol.lines(report, name, checkedAt)) + "\n").getBytes(StandardCharsets.UTF_8);
        };
        if (target != null) Files.write(target, rendered);
        else out.write(rendered);
        out.flush();
        return switch (report.verdict()) {
            case VALID -> 0;
            case INVALID -> 1;
            case INDETERMINATE -> 2;
        };
    }

    static byte[] json(VerificationReport report) throws IOException {
        return JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsBytes(report);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Cli.UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        try {
            return CertificateFiles.certificates(read(file));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(file + ": " + e.getMessage());
        }
    }

    private static List<X509CRL> crls(Path file) {
        try {
            return CertificateFiles.crls(read(file));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(file + ": " + e.getMessage());
        }
    }
}
