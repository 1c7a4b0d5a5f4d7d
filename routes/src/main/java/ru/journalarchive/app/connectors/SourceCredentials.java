package ru.journalarchive.app.connectors;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A source's credentials: a registered partner client's id and secret (Дневник.ру), or a staff account's
 * login and password («Сетевой город»), read when needed from the environment ({@code env:PREFIX}:
 * PREFIX_CLIENT_ID and PREFIX_CLIENT_SECRET, or PREFIX_LOGIN and PREFIX_PASSWORD) or from a secret file
 * ({@code file:/path}, properties client_id and client_secret, or login and password; e.g. a Docker or
 * Kubernetes secret). The database only names where.
 */
public record SourceCredentials(String clientId, String clientSecret) {

    public static boolean wellFormed(String reference) {
        return reference != null && (reference.matches("env:[A-Z][A-Z0-9_]{0,60}") || reference.matches("file:/.+"));
    }

    /** A partner client: client_id and client_secret. */
    public static SourceCredentials resolve(String reference, UnaryOperator<String> environment) {
        return resolve(reference, environment, "client_id", "client_secret");
    }

    /** The two values named {@code idName} and {@code secretName} (in the environment: PREFIX_ and the name in capitals). */
    public static SourceCredentials resolve(String reference, UnaryOperator<String> environment, String idName, String secretName) {
        if (reference != null && reference.startsWith("env:")) {
            String prefix = reference.substring(4);
            return checked(reference, idName, secretName, environment.apply(prefix + "_" + idName.toUpperCase(java.util.Locale.ROOT)),
                    environment.apply(prefix + "_" + secretName.toUpperCase(java.util.Locale.ROOT)));
        }
        if (reference != null && reference.startsWith("file:")) {
            var properties = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(reference.substring(5)), StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new SourceException("Файл с учётными данными источника не прочитан: " + reference.substring(5));
            }
            return checked(reference, idName, secretName, properties.getProperty(idName), properties.getProperty(secretName));
        }
        throw new SourceException("Учётные данные источника указаны неверно: ожидается env:ПРЕФИКС или file:/путь");
    }

    private static SourceCredentials checked(String reference, String idName, String secretName, String id, String secret) {
        if (id == null || id.isBlank() || secret == null || secret.isBlank())
            throw new SourceException("Нет " + idName + " или " + secretName + " источника (" + reference + ")");
        return new SourceCredentials(id.trim(), secret.trim());
    }

    @Override
    public String toString() {
        return "SourceCredentials[" + clientId + ", ***]";
    }
}
