package ru.journalarchive.signing.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import ru.journalarchive.signing.interop.OpenSslGost;
import ru.journalarchive.signing.pki.Pem;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSL with the gost engine (Debian libengine-gost-openssl) as an external process: the independent
 * GOST implementation our signatures are checked against, and the stand-in for a hardware token.
 */
public final class OpenSsl {

    public record Result(int exitCode, String output) {}

    private final Path dir;
    private final Path config;

    public OpenSsl(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("openssl-gost.cnf");
        try {
            OpenSslGost.writeConfig(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Result run(String... args) {
        try {
            var command = new ArrayList<String>();
            command.add("openssl");
            command.addAll(List.of(args));
            var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("OPENSSL_CONF", config.toString());
            var process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("openssl hangs: " + command);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and insists on exit code 0. */
    public String ok(String... args) {
        var result = run(args);
        if (result.exitCode() != 0) throw new IllegalStateException("openssl " + String.join(" ", args) + ":\n" + result.output());
        return result.output();
    }

    public Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path pem(String name, X509Certificate... certificates) {
        return write(name, Pem.certificates(List.of(certificates)).getBytes(StandardCharsets.US_ASCII));
    }

    public Path pem(String name, X509CRL crl) {
        try {
            return write(name, Pem.encode("X509 CRL", crl.getEncoded()).getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }

}
