package ru.journalarchive.signing.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Keys from a PKCS#12 file (PBES2/AES as OpenSSL and BouncyCastle write it; STACK.md: BC cannot read
 * files protected with GOST algorithms as CryptoPro exports them). The password is passed in by the
 * caller, who takes it from the environment, never from configuration files.
 */
public final class Pkcs12KeySource implements KeySource {

    private final KeyStore store;
    private final char[] password;

    public Pkcs12KeySource(Path file, char[] password) {
        this.password = password.clone();
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12", GostProvider.get());
            store.load(in, this.password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the PKCS#12 file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SigningCredentials credentials(String alias) {
        try {
            String name = alias != null ? alias : firstKeyAlias();
            if (name == null || !store.isKeyEntry(name)) throw new IllegalArgumentException("no signing key under alias " + alias);
            var key = (PrivateKey) store.getKey(name, password);
            var chain = new ArrayList<X509Certificate>();
            for (var c : store.getCertificateChain(name)) chain.add((X509Certificate) c);
            return new SigningCredentials(key, chain.get(0), chain.subList(1, chain.size()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the key " + alias + ": " + e.getMessage(), e);
        }
    }

    private String firstKeyAlias() throws GeneralSecurityException {
        for (String a : java.util.Collections.list(store.aliases())) if (store.isKeyEntry(a)) return a;
        return null;
    }

    /** Wipes the password kept for reading keys. */
    public void forget() {
        Arrays.fill(password, '\0');
    }
}
