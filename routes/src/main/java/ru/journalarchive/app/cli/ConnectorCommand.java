package ru.journalarchive.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The connectors through the running service's API (the service does the syncs); prints the API's JSON answer. */
@Command(name = "connector", description = "Sources the service pulls journal data from (Дневник.ру, «Сетевой город»), through the running service's API "
        + "as the administrator (JA_ADMIN_USER, default admin, and JA_ADMIN_PASSWORD); prints the API's JSON answer, exit code 1 on an "
        + "HTTP error.",
        subcommands = {ConnectorCommand.List.class, ConnectorCommand.Show.class, ConnectorCommand.Define.class, ConnectorCommand.Authorize.class,
                ConnectorCommand.Sync.class, ConnectorCommand.Reports.class})
final class ConnectorCommand {

    /** A request under /api/v1/admin/connectors. */
    abstract static class ConnectorsCall extends RunCommand.ApiCall {
        @Override
        HttpRequest.Builder request(String runs) throws IOException {
            return request(URI.create(url + "/api/v1/admin/connectors"));
        }

        abstract HttpRequest.Builder request(URI connectors) throws IOException;

        static HttpRequest.Builder json(URI uri, String method, Object body) throws IOException {
            return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : new ObjectMapper().findAndRegisterModules()
                            .writeValueAsString(body)));
        }

        static URI under(URI connectors, String path) {
            return URI.create(connectors + "/" + path);
        }

        static String code(String code) {
            return URLEncoder.encode(code, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "list", description = "Every source, with its last sync and whether it is failing.")
    static final class List extends ConnectorsCall {
        @Override
        HttpRequest.Builder request(URI connectors) {
            return HttpRequest.newBuilder(connectors).GET();
        }
    }

    @Command(name = "show", description = "One source.")
    static final class Show extends ConnectorsCall {
        @Parameters(paramLabel = "CODE", description = "The source's code.")
        String code;

        @Override
        HttpRequest.Builder request(URI connectors) {
            return HttpRequest.newBuilder(under(connectors, code(code))).GET();
        }
    }

    @Command(name = "define", description = {"Adds or changes a source from a JSON file: school, kind (DNEVNIK_RU or NET_CITY), baseUrl, remoteSchoolId, "
            + "classes {remote id: class id}, credentials (env:PREFIX or file:/path — never the secret itself), mappings, settings."})
    static final class Define extends ConnectorsCall {
        @Parameters(index = "0", paramLabel = "CODE", description = "The source's code, e.g. sch18-dnevnik.")
        String code;
        @Parameters(index = "1", paramLabel = "FILE", description = "The source's definition (JSON).")
        Path file;

        @Override
        HttpRequest.Builder request(URI connectors) throws IOException {
            if (!Files.isReadable(file)) throw new Cli.UsageException("cannot read " + file);
            return json(under(connectors, code(code)), "PUT", Files.readString(file));
        }
    }

    @Command(name = "authorize", description = "Gives the source its authorization: the code of the OAuth2 dialog (exchanged for tokens by "
            + "the service) or a refresh token read from a file. Tokens are stored encrypted with JA_CONNECTORS_KEY.")
    static final class Authorize extends ConnectorsCall {
        @Parameters(paramLabel = "CODE", description = "The source's code.")
        String source;

        static final class Grant {
            @Option(names = "--code", paramLabel = "AUTHORIZATION_CODE", description = "The code from the dialog's redirect.")
            String code;
            @Option(names = "--refresh-token-file", paramLabel = "FILE", description = "A file holding a refresh token.")
            Path refreshTokenFile;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Grant grant;

        @Override
        HttpRequest.Builder request(URI connectors) throws IOException {
            var body = new LinkedHashMap<String, String>();
            if (grant.code != null) body.put("code", grant.code);
            else body.put("refreshToken", Files.readString(grant.refreshTokenFile).trim());
            return json(under(connectors, code(source) + "/authorization"), "POST", body);
        }
    }

    @Command(name = "sync", description = "Starts a sync now (answers at once; see reports): from the last successful one with the "
            + "overlap, or --full from the start, or the window --from/--to.")
    static final class Sync extends ConnectorsCall {
        @Parameters(paramLabel = "CODE", description = "The source's code.")
        String code;
        @Option(names = "--full", description = "From the source's start (settings.since, or 1 September).")
        boolean full;
        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "The window's first day.")
        java.time.LocalDate from;
        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "The window's last day.")
        java.time.LocalDate to;

        @Override
        HttpRequest.Builder request(URI connectors) throws IOException {
            var body = new LinkedHashMap<String, Object>();
            body.put("full", full);
            if (from != null) body.put("from", from.toString());
            if (to != null) body.put("to", to.toString());
            return json(under(connectors, code(code) + "/syncs"), "POST", body);
        }
    }

    @Command(name = "reports", description = "The source's sync reports, the latest first; with ID, that one: per class fetched, "
            + "applied, deleted, rejected with reasons.")
    static final class Reports extends ConnectorsCall {
        @Parameters(index = "0", paramLabel = "CODE", description = "The source's code.")
        String code;
        @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "One report.")
        Long id;

        @Override
        HttpRequest.Builder request(URI connectors) {
            return HttpRequest.newBuilder(under(connectors, code(code) + "/syncs" + (id == null ? "" : "/" + id))).GET();
        }
    }
}
