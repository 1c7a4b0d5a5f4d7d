package ru.journalarchive.signing.keys;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The BouncyCastle provider, registered once: it implements GOST R 34.10/34.11-2012 for the JCA. */
public final class GostProvider {

    private static final Provider PROVIDER;

    static {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (installed == null) {
            installed = new BouncyCastleProvider();
            Security.addProvider(installed);
        }
        PROVIDER = installed;
    }

    private GostProvider() {}

    public static Provider get() {
        return PROVIDER;
    }
}
