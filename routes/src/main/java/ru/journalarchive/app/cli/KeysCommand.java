package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.journalarchive.app.demo.DemoPki;
import ru.journalarchive.signing.keys.GostAlgorithm;

@Command(name = "keys", description = {"Writes a test PKI for trying the service out: root and intermediate CA certificates "
        + "and CRLs (PEM), a test TSA, the school's seal and the director's signing key (PKCS#12, password from JA_KEYS_PASSWORD).",
        "Not for legally binding signatures: every certificate says so."})
final class KeysCommand extends CliCommand {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the files (created if missing).")
    Path dir;

    @Option(names = "--bits", paramLabel = "256|512", description = "GOST R 34.10-2012 key size.")
    int bits = 256;

    @Override
    public Integer call() {
        return write(dir, bits, System.getenv("JA_KEYS_PASSWORD"), out());
    }

    /** The demo's PKI (DemoPki), so that `keys` and the demo profile make the same files; one already in DIR is kept. */
    static int write(Path dir, int bits, String password, PrintStream out) {
        if (bits != 256 && bits != 512) throw new Cli.UsageException("--bits is 256 or 512");
        if (password == null || password.isBlank()) throw new Cli.UsageException("set JA_KEYS_PASSWORD for the PKCS#12 files");
        DemoPki.open(dir, bits == 256 ? GostAlgorithm.GOST_2012_256 : GostAlgorithm.GOST_2012_512, password.toCharArray(),
                Instant.now());
        out.println("test PKI (GOST R 34.10-2012, " + bits + " bit) written to " + dir.toAbsolutePath()
                + ": root.pem, intermediate.pem, root.crl.pem, intermediate.crl.pem, director.p12, seal.p12, tsa.p12");
        return 0;
    }
}
