package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health (details for the administrator: the database, the S3 archive with its lock, the TSA) and metrics. */
class OperationsTest extends ServiceTestBase {

    @Test
    void healthShowsTheArchiveLockToTheAdministratorAndOnlyTheVerdictToOthers() throws Exception {
        var open = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(json.readTree(open.body()).get("status").asText()).isEqualTo("UP");
        assertThat(json.readTree(open.body()).has("components")).isFalse();

        var detailed = body(admin("GET", "/actuator/health", null));
        assertThat(detailed.at("/components/archive/status").asText()).isEqualTo("UP");
        assertThat(detailed.at("/components/archive/details/objectLock").asBoolean()).isTrue();
        assertThat(detailed.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(detailed.at("/components/tsa/status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsAreForTheAdministrator() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        var metrics = admin("GET", "/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
    }
}
