package ru.journalarchive.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The service's worker does the run; these commands only ask its API. */
@Command(name = "run", description = "Archive runs through the running service's API, as the administrator "
        + "(JA_ADMIN_USER, default admin, and JA_ADMIN_PASSWORD); prints the API's JSON answer, exit code 1 on an HTTP error.",
        subcommands = {RunCommand.Start.class, RunCommand.Status.class})
final class RunCommand {

    /** One request to the API with the administrator's basic authentication. */
    abstract static class ApiCall extends CliCommand {
        @Option(names = "--url", paramLabel = "URL", description = "The service.")
        String url = "http://127.0.0.1:8080";

        /** The request to {@code runs}, the archive runs' URL. */
        abstract HttpRequest.Builder request(String runs) throws IOException;

        @Override
        public Integer call() throws Exception {
            String password = Cli.env("JA_ADMIN_PASSWORD", "");
            if (password.isBlank()) throw new Cli.UsageException("set JA_ADMIN_PASSWORD (and JA_ADMIN_USER if not admin)");
            String credentials = Cli.env("JA_ADMIN_USER", "admin") + ":" + password;
            var request = request(url + "/api/v1/archive-runs")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            out().println(response.body());
            return response.statusCode() < 300 ? 0 : 1;
        }
    }

    @Command(name = "start", description = "Starts an archive run: a school's year, or one period or class of it.")
    static final class Start extends ApiCall {
        @Option(names = "--school", paramLabel = "CODE", required = true, description = "The school's code.")
        String school;
        @Option(names = "--year", paramLabel = "YEAR", required = true, description = "The school year, e.g. 2025.")
        String year;
        @Option(names = "--period", paramLabel = "ID", description = "Only this study period.")
        String period;
        @Option(names = "--class", paramLabel = "ID", description = "Only this class.")
        String classId;

        @Override
        HttpRequest.Builder request(String runs) throws IOException {
            var body = new LinkedHashMap<String, String>();
            body.put("school", school);
            body.put("schoolYear", year);
            if (period != null) body.put("periodId", period);
            if (classId != null) body.put("classId", classId);
            return HttpRequest.newBuilder(URI.create(runs)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body)));
        }
    }

    @Command(name = "status", description = "A run's progress: its documents by state.")
    static final class Status extends ApiCall {
        @Parameters(paramLabel = "ID", description = "The run's id, as start printed it.")
        Long id;

        @Override
        HttpRequest.Builder request(String runs) {
            return HttpRequest.newBuilder(URI.create(runs + "/" + id)).GET();
        }
    }
}
