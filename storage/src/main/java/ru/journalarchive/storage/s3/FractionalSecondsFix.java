package ru.journalarchive.storage.s3;

import java.io.IOException;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Ceph radosgw writes retain-until dates with nanoseconds ({@code …:11.000000000Z}); the MinIO SDK
 * parses only milliseconds and throws on statObject and getObjectRetention of a locked object
 * (STACK.md). This interceptor trims the fraction to milliseconds in the object-lock header and in
 * XML bodies. Harmless for servers that already write milliseconds; kept for any S3 server that
 * does this.
 */
public final class FractionalSecondsFix implements Interceptor {

    private static final Pattern NANOS = Pattern.compile("(T\\d{2}:\\d{2}:\\d{2}\\.\\d{3})\\d+Z");
    private static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        var builder = response.newBuilder();
        String header = response.header(RETAIN_UNTIL);
        if (header != null) builder.header(RETAIN_UNTIL, trim(header));
        ResponseBody body = response.body();
        var type = body.contentType();
        if (type != null && type.subtype().contains("xml") && isApiCall(chain.request().url())) {
            String text = body.string();
            builder.body(ResponseBody.create(trim(text), type));
        }
        return builder.build();
    }

    /** S3 API calls carry a sub-resource query (?retention, ?versions…); an object's own bytes are never touched. */
    private static boolean isApiCall(okhttp3.HttpUrl url) {
        for (String name : url.queryParameterNames()) if (!name.equals("versionId")) return true;
        return false;
    }

    static String trim(String text) {
        return NANOS.matcher(text).replaceAll("$1Z");
    }
}
