package ru.journalarchive.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.storage.catalogue.ArchivedDocument;

/**
 * An independent check of a document's reduced hash tree: a small Python script hashes with OpenSSL's
 * GOST engine (Python has no Streebog), recomputes the root from the manifest and the path, and
 * `openssl ts -verify` checks the archive time-stamp token against that root and the TSA's CA.
 */
class EvidenceOpenSslTest {

    static final String SCRIPT = """
            import subprocess, sys
            def h(data):
                return subprocess.run(["openssl", "dgst", "-md_gost12_256", "-binary"], input=data,
                                      capture_output=True, check=True).stdout
            def node(values):
                return values[0] if len(values) == 1 else h(b"".join(sorted(values)))
            leaf = h(open(sys.argv[1], "rb").read())
            nodes = [[bytes.fromhex(v) for v in line.split(",")] for line in open(sys.argv[2]).read().split()]
            if leaf not in nodes[0]:
                sys.exit("the manifest's hash is not in the first node")
            root = node(nodes[0])
            for n in nodes[1:]:
                root = h(b"".join(sorted([root, node(n)])))  # RFC 4998: children concatenated in ascending order
            print(root.hex())
            """;

    final TestTsa tsa = TestTsa.fresh();
    final EvidenceFixture f = new EvidenceFixture(tsa);

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void openSslRecomputesTheRootFromTheManifestAndPathAndVerifiesTheTimeStampOverIt(@TempDir Path dir) throws Exception {
        var docs = new ArrayList<ArchivedDocument>();
        for (int i = 0; i < 7; i++) docs.add(f.store("ossl" + i)); // odd: a node is carried up somewhere
        var records = f.records();
        records.buildDue();
        var openssl = new OpenSsl(dir);

        for (var doc : List.of(docs.get(0), docs.get(6))) {
            var record = EvidenceRecord.getInstance(records.evidenceFor(doc.documentId()).orElseThrow());
            var ats = record.getArchiveTimeStampSequence().getArchiveTimeStampChains()[0].getArchiveTimestamps()[0];
            var path = Stream.of(ats.getReducedHashTree()).map(node -> Stream.of(node.getValues()).map(HexFormat.of()::formatHex)
                    .collect(Collectors.joining(","))).collect(Collectors.joining("\n"));
            openssl.write("manifest.json", f.manifest(doc));
            openssl.write("path.txt", path.getBytes(StandardCharsets.US_ASCII));
            openssl.write("root.py", SCRIPT.getBytes(StandardCharsets.UTF_8));
            openssl.write("token.der", ats.getTimeStamp().getEncoded(ASN1Encoding.DER));

            String root = python(dir, "root.py", "manifest.json", "path.txt");
            var imprint = new TimeStampToken(ats.getTimeStamp()).getTimeStampInfo().getMessageImprintDigest();
            assertThat(root).isEqualTo(HexFormat.of().formatHex(imprint));

            openssl.pem("root.pem", tsa.pki.root().certificate());
            openssl.pem("chain.pem", tsa.pki.intermediate().certificate());
            var verified = openssl.run("ts", "-verify", "-digest", root, "-in", "token.der", "-token_in", "-CAfile", "root.pem",
                    "-untrusted", "chain.pem");
            assertThat(verified.output()).as(verified.output()).contains("Verification: OK");

            // a changed manifest byte gives another root, which the token does not cover
            byte[] changed = f.manifest(doc);
            changed[10] ^= 1;
            openssl.write("changed.json", changed);
            var failed = runPython(dir, "root.py", "changed.json", "path.txt");
            assertThat(failed.exitCode).as(failed.output).isNotZero();
        }
    }

    record Run(int exitCode, String output) {}

    static String python(Path dir, String... args) throws Exception {
        var run = runPython(dir, args);
        assertThat(run.exitCode).as(run.output).isZero();
        return run.output.strip();
    }

    static Run runPython(Path dir, String... args) throws Exception {
        var command = new ArrayList<String>(List.of("python3"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("OPENSSL_CONF", dir.resolve("openssl-gost.cnf").toString()); // written by OpenSsl: loads the gost engine
        var process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }
}
