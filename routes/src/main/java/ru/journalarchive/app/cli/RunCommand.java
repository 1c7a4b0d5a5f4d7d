package ru.journalarchive.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code run start|status}: an archive run on demand through the running service's API (its worker
 * does the work), as the administrator from JA_ADMIN_USER / JA_ADMIN_PASSWORD.
 */
final class RunCommand {

    static final String USAGE = "run start --school CODE --year YEAR [--period ID] [--class ID] [--url URL] | run status ID [--url URL]";

    private RunCommand() {}

    static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
        if (args.length < 2) throw new Cli.UsageException(USAGE);
        String password = Cli.env("JA_ADMIN_PASSWORD", "");
        if (password.isBlank()) throw new Cli.UsageException("set JA_ADMIN_PASSWORD (and JA_ADMIN_USER if not admin)");
        String auth = "Basic " + Base64.getEncoder().encodeToString((Cli.env("JA_ADMIN_USER", "admin") + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request;
        if (args[1].equals("start")) {
            var o = Cli.options(args, 2);
            if (!o.containsKey("school") || !o.containsKey("year")) throw new Cli.UsageException(USAGE);
            var body = new LinkedHashMap<String, String>();
            body.put("school", o.get("school"));
            body.put("schoolYear", o.get("year"));
            if (o.containsKey("period")) body.put("periodId", o.get("period"));
            if (o.containsKey("class")) body.put("classId", o.get("class"));
            request = HttpRequest.newBuilder(uri(o, "/api/v1/archive-runs")).header("Authorization", auth)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body))).build();
        } else if (args[1].equals("status") && args.length >= 3) {
            request = HttpRequest.newBuilder(uri(Cli.options(args, 3), "/api/v1/archive-runs/" + args[2]))
                    .header("Authorization", auth).GET().build();
        } else {
            throw new Cli.UsageException(USAGE);
        }
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        out.println(response.body());
        return response.statusCode() < 300 ? 0 : 1;
    }

    private static URI uri(Map<String, String> options, String path) {
        return URI.create(options.getOrDefault("url", "http://127.0.0.1:8080") + path);
    }
}
