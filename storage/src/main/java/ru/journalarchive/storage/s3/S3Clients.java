package ru.journalarchive.storage.s3;

import io.minio.MinioClient;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** The MinIO SDK client on our own OkHttpClient: timeouts, the fix for fractional seconds, and no dead pooled connections. */
public final class S3Clients {

    private S3Clients() {}

    public static MinioClient create(S3Settings settings) {
        var pool = new ConnectionPool();
        var http = new OkHttpClient.Builder()
                .connectionPool(pool)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .retryOnConnectionFailure(false) // our Retrying decides, with backoff
                .addInterceptor(new FractionalSecondsFix())
                // After the S3 server restarts, every idle pooled connection is dead: drop them all at the first
                // failure, or each of Retrying's attempts meets another dead one and the call fails.
                .addInterceptor(chain -> {
                    try {
                        return chain.proceed(chain.request());
                    } catch (java.io.IOException e) {
                        pool.evictAll();
                        throw e;
                    }
                })
                .build();
        return MinioClient.builder().endpoint(settings.endpoint()).region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey()).httpClient(http).build();
    }
}
