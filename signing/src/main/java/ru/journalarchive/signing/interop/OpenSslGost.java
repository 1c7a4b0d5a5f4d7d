package ru.journalarchive.signing.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An OpenSSL configuration that loads the GOST engine (Debian libengine-gost-openssl; STACK.md: the
 * gostprov provider of this version cannot load keys). Point OPENSSL_CONF at the file it writes.
 * OpenSSL is the independent GOST implementation our signatures are measured and tested against.
 */
public final class OpenSslGost {

    public static final String ENGINE = "/usr/lib/x86_64-linux-gnu/engines-3/gost.so";

    private OpenSslGost() {}

    public static Path writeConfig(Path file) throws IOException {
        return Files.writeString(file, """
                openssl_conf = openssl_def
                [openssl_def]
                engines = engine_section
                [engine_section]
                gost = gost_section
                [gost_section]
                engine_id = gost
                dynamic_path = %s
                default_algorithms = ALL
                """.formatted(ENGINE));
    }
}
