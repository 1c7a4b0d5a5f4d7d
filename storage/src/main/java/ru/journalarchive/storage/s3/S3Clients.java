package ru.journalarchive.storage.s3;

import io.minio.MinioClient;
import okhttp3.OkHttpClient;

/** The MinIO SDK client on our own OkHttpClient: timeouts, and the fix for fractional seconds. */
public final class S3Clients {

    private S3Clients() {}

    public static MinioClient create(S3Settings settings) {
        var http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .retryOnConnectionFailure(false) // our Retrying decides, with backoff
                .addInterceptor(new FractionalSecondsFix())
                .build();
        return MinioClient.builder().endpoint(settings.endpoint()).region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey()).httpClient(http).build();
    }
}
