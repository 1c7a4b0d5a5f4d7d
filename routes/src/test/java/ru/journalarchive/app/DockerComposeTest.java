package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker compose up} gives a working demo: the service gets every environment variable it
 * reads that has no default it could use in a container, compose sets none the service ignores, and
 * every image is an exact release. (CI also checks the file's syntax with {@code docker-compose config}.)
 */
class DockerComposeTest {

    static final Path ROOT = Path.of("..");
    /** ${NAME} or ${NAME:default} in application.yml: what the service reads from the environment. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    /** Read but rightly left unset in the demo, each with the reason. */
    static final Map<String, String> NOT_NEEDED_IN_THE_DEMO = Map.of(
            "JA_TSA_URL", "the demo stamps its signatures with its own test TSA",
            "TEST_TSA_KEYSTORE", "the demo PKI has the TSA's key",
            "TEST_TSA_PASSWORD", "the demo PKI has the TSA's key",
            "JA_TRUSTED_ROOTS", "the demo PKI's root is trusted",
            "JA_CRLS", "the demo PKI's CRLs are used",
            "JA_CRL_URLS", "the demo PKI's CAs issue the CRLs the long-term levels need",
            "LOG_FORMAT", "plain log lines for a person reading docker compose logs",
            "JA_CONNECTORS_KEY", "the demo defines no source to pull from, so it stores no connector tokens");

    @SuppressWarnings("unchecked")
    Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> serviceEnvironment() throws IOException {
        var services = (Map<String, Map<String, Object>>) compose().get("services");
        return (Map<String, Object>) services.get("journal-archive").get("environment");
    }

    /** Each variable application.yml reads, with its default ("" when none). */
    static Map<String, String> variablesTheServiceReads() throws IOException {
        var variables = new TreeMap<String, String>();
        var m = PLACEHOLDER.matcher(Files.readString(Path.of("src/main/resources/application.yml")));
        while (m.find()) variables.put(m.group(1), m.group(2) == null ? "" : m.group(2));
        return variables;
    }

    @Test
    void theServiceGetsEveryVariableWithoutAUsableDefault() throws IOException {
        var set = serviceEnvironment().keySet();
        var missing = new TreeSet<String>();
        variablesTheServiceReads().forEach((name, fallback) -> {
            // A default that points at this host is wrong inside a container; an empty one is no default.
            boolean unusable = fallback.isBlank() || fallback.contains("127.0.0.1") || fallback.contains("localhost");
            if (unusable && !set.contains(name) && !NOT_NEEDED_IN_THE_DEMO.containsKey(name)) missing.add(name);
        });
        assertThat(missing).as("read by application.yml, not set in docker-compose.yml").isEmpty();
        assertThat(set).contains("SPRING_PROFILES_ACTIVE");
        assertThat(serviceEnvironment().get("SPRING_PROFILES_ACTIVE")).isEqualTo("demo");
    }

    @Test
    void composeSetsNoVariableTheServiceIgnores() throws IOException {
        var read = variablesTheServiceReads().keySet();
        var ignored = new TreeSet<String>();
        for (String name : serviceEnvironment().keySet()) {
            // Spring's relaxed binding: SPRING_… and JOURNALARCHIVE_… name properties directly.
            boolean bound = name.startsWith("SPRING_") || name.startsWith("JOURNALARCHIVE_");
            if (!read.contains(name) && !bound) ignored.add(name);
        }
        assertThat(ignored).as("set in docker-compose.yml, read by nothing").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyImageIsAnExactRelease() throws IOException {
        var images = new TreeSet<String>();
        ((Map<String, Map<String, Object>>) compose().get("services")).values().stream()
                .map(s -> (String) s.get("image")).filter(java.util.Objects::nonNull).forEach(images::add);
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile")))
            if (line.startsWith("FROM ")) images.add(line.split("\\s+")[1]);
        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(pinned(image)).as(image).isTrue());
        assertThat(pinned("postgres:16")).isFalse();
        assertThat(pinned("minio/minio:latest")).isFalse();
        assertThat(pinned("eclipse-temurin:17-jre")).isFalse();
    }

    /** A digest, or a tag with a full version (16.11, 17.0.17_10-jre) or a dated release; never latest or a bare major. */
    static boolean pinned(String image) {
        if (image.contains("@sha256:")) return true;
        int colon = image.lastIndexOf(':');
        if (colon < 0) return false;
        String tag = image.substring(colon + 1);
        return tag.matches("\\d+\\.\\d+.*") || tag.matches("RELEASE\\.\\d{4}-.*");
    }
}
