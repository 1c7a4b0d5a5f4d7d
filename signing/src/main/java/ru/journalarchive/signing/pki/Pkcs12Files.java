package ru.journalarchive.signing.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.keys.SigningCredentials;

/**
 * Writes a key with its chain as PKCS#12 protected with PBES2/AES-256 (BouncyCastle's
 * PKCS12-DEF-AES256-AES128), which OpenSSL and {@link ru.journalarchive.signing.keys.Pkcs12KeySource} read.
 */
public final class Pkcs12Files {

    private Pkcs12Files() {}

    public static void write(Path file, String alias, SigningCredentials credentials, char[] password) {
        try {
            var store = KeyStore.getInstance("PKCS12-DEF-AES256-AES128", GostProvider.get());
            store.load(null, null);
            var chain = new ArrayList<Certificate>();
            chain.add(credentials.certificate());
            chain.addAll(credentials.chain());
            store.setKeyEntry(alias, credentials.privateKey(), password, chain.toArray(Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
