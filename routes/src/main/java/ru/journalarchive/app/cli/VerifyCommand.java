package ru.journalarchive.app.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.journalarchive.signing.pki.CertificateFiles;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.ValidationContext;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.VerificationProtocol;
import ru.journalarchive.signing.verify.VerificationReport;

/** The inspector's check, without database or S3; offline unless --fetch-crls. */
@Command(name = "verify", description = "Checks the signatures of a signed PDF, of a file and its detached CAdES signature, or "
        + "of an archive package (package.zip: its files against manifest.json, the PDF's signature and its .sig), and prints "
        + "the verification protocol.",
        exitCodeList = {"0:every signature valid", "1:a signature invalid", "2:indeterminate (untrusted chain, missing data)",
                "64:usage error"})
final class VerifyCommand extends CliCommand {

    enum Format { text, json, pdf }

    @Parameters(paramLabel = "FILE", description = "The signed PDF, a package.zip, or the signed file with --detached.")
    Path file;

    @Option(names = "--detached", paramLabel = "SIG", description = "The detached signature (.sig) over FILE.")
    Path detached;

    @Option(names = "--trust", paramLabel = "CERT.pem", description = "A trusted root certificate (PEM or DER); repeatable.")
    List<Path> roots;

    @Option(names = "--crl", paramLabel = "CRL", description = "A CRL to check revocation against (PEM or DER); repeatable.")
    List<Path> crls;

    @Option(names = "--fetch-crls", description = "Download the CRLs the certificates name (needs the network).")
    boolean fetchCrls;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Judge the signatures as of this time (e.g. "
            + "2051-09-01T00:00:00Z), from the proofs and validation data the files carry; never fetches CRLs.")
    Instant at;

    @Option(names = "--format", paramLabel = "text|json|pdf", description = "text: the protocol in Russian; json: the report "
            + "for programs; pdf: the printable protocol.")
    Format format = Format.text;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to this file instead of stdout.")
    Path target;

    @Override
    public Integer call() throws IOException {
        byte[] content = read(file);
        var offline = new TrustAnchors(parsed(roots, CertificateFiles::certificates), List.of(), parsed(crls, CertificateFiles::crls));
        var trust = fetchCrls ? offline.fetchingCrls(Duration.ofSeconds(10)) : offline;
        var context = at == null ? ValidationContext.now() : ValidationContext.at(at).withoutFetching();
        VerificationReport report = detached != null ? new CmsSignatureVerifier(trust, context).verifyDetached(content, read(detached))
                : PackageVerification.isPackage(content) ? PackageVerification.verify(content, trust, context)
                : new PdfSignatureVerifier(trust, context).verify(content);
        byte[] rendered = render(report, file.getFileName().toString());
        if (target != null) Files.write(target, rendered);
        else out().write(rendered);
        out().flush();
        return switch (report.verdict()) {
            case VALID -> 0;
            case INVALID -> 1;
            case INDETERMINATE -> 2;
        };
    }

    private byte[] render(VerificationReport report, String name) throws IOException {
        var checkedAt = at != null ? at : Instant.now();
        return switch (format) {
            case json -> json(report);
            case pdf -> VerificationProtocol.pdf(report, name, checkedAt);
            case text -> ("Протокол проверки электронной подписи\n" + String.join("\n", VerificationProtocol.lines(report, name,
                    checkedAt)) + "\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] json(VerificationReport report) throws IOException {
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

    /** Every certificate or CRL in the files (null: the option was not given); a file that holds none is the user's mistake. */
    private static <T> List<T> parsed(List<Path> files, Function<byte[], List<T>> parser) {
        var all = new ArrayList<T>();
        for (Path f : files == null ? List.<Path>of() : files) {
            try {
                all.addAll(parser.apply(read(f)));
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageException(f + ": " + e.getMessage());
            }
        }
        return all;
    }
}
