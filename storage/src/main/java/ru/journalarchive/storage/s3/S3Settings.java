package ru.journalarchive.storage.s3;

import java.time.Duration;

/**
 * Where the S3 server is and how hard to try: endpoint, region, credentials (from the environment),
 * timeouts, and the attempts with exponential backoff for transient failures (5xx, connection
 * refused or reset). A 4xx is the server's answer and is never retried.
 */
public record S3Settings(String endpoint, String region, String accessKey, String secretKey, Duration connectTimeout,
                         Duration readTimeout, int attempts, Duration firstBackoff) {

    public S3Settings {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
    }

    /** From S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY (scripts/services.sh prints them). */
    public static S3Settings fromEnvironment() {
        return new S3Settings(env("S3_ENDPOINT", "http://127.0.0.1:7480"), env("S3_REGION", "us-east-1"),
                env("S3_ACCESS_KEY", ""), env("S3_SECRET_KEY", ""), Duration.ofSeconds(5), Duration.ofSeconds(60), 5,
                Duration.ofMillis(200));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
