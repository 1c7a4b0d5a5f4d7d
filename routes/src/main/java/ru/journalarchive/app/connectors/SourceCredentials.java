package ru.journalarchive.app.connectors;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A source's registered partner client: its id and secret, read when needed from the environment
 * ({@code env:PREFIX}: PREFIX_CLIENT_ID, PREFIX_CLIENT_SECRET) or from a secret file ({@code file:/path},
 * properties client_id and client_secret, e.g. a Docker or Kubernetes secret). The database only names where.
 */
public record SourceCredentials(String clientId, String clientSecret) {

    public static boolean wellFormed(String reference) {
        return reference != null && (reference.matches("env:[A-Z][A-Z0-9_]{0,60}") || reference.matches("file:/.+"));
    }

    public static SourceCredentials resolve(String reference, UnaryOperator<String> environment) {
        if (reference != null && reference.startsWith("env:")) {
            String prefix = reference.substring(4);
            return checked(reference, environment.apply(prefix + "_CLIENT_ID"), environment.apply(prefix + "_CLIENT_SECRET"));
        }
        if (reference != null && reference.startsWith("file:")) {
            var properties = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(reference.substring(5)), StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new SourceException("Файл с учётными данными источника не прочитан: " + reference.substring(5));
            }
            return checked(reference, properties.getProperty("client_id"), properties.getProperty("client_secret"));
        }
        throw new SourceException("Учётные данные источника указаны неверно: ожидается env:ПРЕФИКС или file:/путь");
    }

    private static SourceCredentials checked(String reference, String id, String secret) {
        if (id == null || id.isBlank() || secret == null || secret.isBlank())
            throw new SourceException("Нет client_id или client_secret источника (" + reference + ")");
        return new SourceCredentials(id.trim(), secret.trim());
    }

    @Override
    public String toString() {
        return "SourceCredentials[" + clientId + ", ***]";
    }
}
