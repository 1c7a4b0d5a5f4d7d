package ru.journalarchive.app.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import ru.journalarchive.signing.keys.GostAlgorithm;

/**
 * Profile {@code demo} signs like a real installation without any key configuration: what the
 * operator left unset — the demo school's seal and director's key, a TSA, the roots and CRLs the
 * inspectors' checks trust — comes from a {@link DemoPki} kept under {@code journal-archive.demo.pki-directory},
 * and the service time-stamps its own signatures with its test TSA. Anything the operator configured
 * is left as it is. Runs before the beans, so the keys exist when the first one reads them.
 */
public class DemoEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "demoPki";
    /** Set when the demo PKI signs: its CAs then issue the CRLs the long-term levels need ({@link DemoCrls}). */
    public static final String DEMO_CRLS = "journal-archive.demo.pki-issues-crls";
    /** The PKCS#12 password of the demo's throw-away keys unless JA_KEYS_PASSWORD gives one. */
    static final String DEFAULT_PASSWORD = "demo-keys-password";
    /** The demo's published logins (README.md, docker-compose.yml). */
    static final String DEMO_TOKEN = "demo-school-token";
    static final String DEMO_USERS_PASSWORD = "demo-users-password";
    static final String DEMO_ADMIN_PASSWORD = "demo-admin-password";

    private final Log log;

    public DemoEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.acceptsProfiles(Profiles.of("demo"))) return;
        String school = env.getProperty("journal-archive.demo.school-code", "demo");
        Path dir = Path.of(env.getProperty("journal-archive.demo.pki-directory", "var/demo-pki"));
        String password = env.getProperty("JA_KEYS_PASSWORD", DEFAULT_PASSWORD);
        var defaults = new LinkedHashMap<String, Object>();
        String keys = "journal-archive.signing.schools." + school;
        if (blank(env, keys + ".seal.keystore") && blank(env, keys + ".director.keystore")) {
            defaults.put(keys + ".seal.keystore", dir.resolve(DemoPki.SEAL).toString());
            defaults.put(keys + ".seal.password", password);
            defaults.put(keys + ".director.keystore", dir.resolve(DemoPki.DIRECTOR).toString());
            defaults.put(keys + ".director.password", password);
            defaults.put(DEMO_CRLS, "true");
        }
        if (blank(env, "journal-archive.signing.tsa-url")) {
            defaults.put("journal-archive.signing.test-tsa.enabled", "true");
            defaults.put("journal-archive.signing.test-tsa.stamps-own-signatures", "true");
            if (blank(env, "journal-archive.signing.test-tsa.keystore")) {
                defaults.put("journal-archive.signing.test-tsa.keystore", dir.resolve(DemoPki.TSA).toString());
                defaults.put("journal-archive.signing.test-tsa.password", password);
            }
        }
        if (blank(env, "journal-archive.verification.trusted-roots")) {
            defaults.put("journal-archive.verification.trusted-roots", dir.resolve(DemoPki.ROOT).toString());
            defaults.put("journal-archive.verification.crls",
                    dir.resolve(DemoPki.ROOT_CRL) + "," + dir.resolve(DemoPki.INTERMEDIATE_CRL));
            defaults.put("journal-archive.verification.fetch-crls", "false");
        }
        if (!defaults.isEmpty()) {
            DemoPki.open(dir, GostAlgorithm.GOST_2012_256, password.toCharArray(), Instant.now());
            log.info("demo: the test PKI in " + dir.toAbsolutePath() + " stands in for " + String.join(", ", defaults.keySet()));
        }
        demoLogins(env, defaults);
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.copyOf(defaults)));
    }

    /** The logins docker-compose.yml documents, unless the environment gives others: one command starts a usable demo. */
    private void demoLogins(ConfigurableEnvironment env, Map<String, Object> defaults) {
        if (blank(env, "journal-archive.demo.token")) defaults.put("journal-archive.demo.token", DEMO_TOKEN);
        if (blank(env, "journal-archive.demo.users-password"))
            defaults.put("journal-archive.demo.users-password", DEMO_USERS_PASSWORD);
        if (blank(env, "journal-archive.admin.password-hash")) {
            defaults.put("journal-archive.admin.password-hash", "{bcrypt}" + new BCryptPasswordEncoder().encode(DEMO_ADMIN_PASSWORD));
            log.warn("demo: the administrator's password is the published demo one; set JA_ADMIN_PASSWORD_HASH for anything but a demo");
        }
    }

    private static boolean blank(ConfigurableEnvironment env, String name) {
        String value = env.getProperty(name);
        return value == null || value.isBlank();
    }
}
