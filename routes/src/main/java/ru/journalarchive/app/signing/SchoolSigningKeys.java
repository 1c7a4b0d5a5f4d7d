package ru.journalarchive.app.signing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.signing.keys.Pkcs12KeySource;
import ru.journalarchive.signing.keys.SigningCredentials;

/** The configured server-held keys of each school: its seal and its director's key, read once when first used. */
public final class SchoolSigningKeys {

    private final Map<String, JournalArchiveProperties.SchoolKeys> schools;
    private final Map<JournalArchiveProperties.KeyRef, SigningCredentials> loaded = new ConcurrentHashMap<>();

    public SchoolSigningKeys(Map<String, JournalArchiveProperties.SchoolKeys> schools) {
        this.schools = Map.copyOf(schools);
    }

    public boolean hasSeal(String school) {
        return schools.containsKey(school) && schools.get(school).seal() != null;
    }

    public Optional<SigningCredentials> seal(String school) {
        return Optional.ofNullable(schools.get(school)).map(JournalArchiveProperties.SchoolKeys::seal).map(this::load);
    }

    public Optional<SigningCredentials> director(String school) {
        return Optional.ofNullable(schools.get(school)).map(JournalArchiveProperties.SchoolKeys::director).map(this::load);
    }

    private SigningCredentials load(JournalArchiveProperties.KeyRef key) {
        return loaded.computeIfAbsent(key, k -> {
            if (k.password() == null) throw new IllegalStateException("no password for " + k.keystore() + " in the environment");
            var source = new Pkcs12KeySource(k.keystore(), k.password().toCharArray());
            try {
                return source.credentials(k.alias() == null || k.alias().isBlank() ? null : k.alias());
            } finally {
                source.forget();
            }
        });
    }
}
