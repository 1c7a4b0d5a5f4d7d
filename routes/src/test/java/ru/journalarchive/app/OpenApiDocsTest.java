package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import ru.journalarchive.app.config.OpenApiConfig;
import ru.journalarchive.journal.ingest.Batch;

/** Swagger UI at /api/v1/docs for the vendors of schools' journal systems, with examples that the API accepts. */
class OpenApiDocsTest extends ServiceTestBase {

    final HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void swaggerUiIsServedWithoutLoginAndReadsTheApiDescription() throws Exception {
        var page = following.send(HttpRequest.newBuilder(uri("/api/v1/docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.uri() + " " + page.body()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        var config = json.readTree(following.send(HttpRequest.newBuilder(uri("/api/v1/openapi.json/swagger-config")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(config.get("url").asText()).isEqualTo("/api/v1/openapi.json");
    }

    @Test
    void thePushApiShowsEverySectionInAnExampleThatIsAccepted() throws Exception {
        JsonNode api = json.readTree(http.send(HttpRequest.newBuilder(uri("/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode examples = api.at("/paths/~1api~1v1~1schools~1{school}~1batches/post/requestBody/content/application~1json/examples");
        assertThat(examples.has("вечерняя выгрузка")).isTrue();
        JsonNode every = examples.at("/все разделы/value");
        var sections = new TreeSet<String>();
        every.fieldNames().forEachRemaining(sections::add);
        var expected = new TreeSet<String>();
        Arrays.stream(Batch.class.getRecordComponents()).forEach(c -> expected.add(c.getName()));
        assertThat(sections).isEqualTo(expected);

        registry.register("docs-example", "Школа из примера");
        String token = registry.issueToken("docs-example", "vendor").token();
        byte[] example;
        try (var in = new ClassPathResource(OpenApiConfig.EVERY_SECTION).getInputStream()) {
            example = in.readAllBytes();
        }
        var pushed = push("docs-example", token, example);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        JsonNode counts = body(pushed);
        assertThat(counts.toString()).contains("lessons").contains("yearDecisions");
    }

    @Test
    void everyErrorAnswerIsDescribedAsAProblemWithItsErrors() throws Exception {
        JsonNode api = json.readTree(http.send(HttpRequest.newBuilder(uri("/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(api.at("/components/schemas/Problem/properties/errors/items/properties").has("path")).isTrue();
        List<String> undescribed = new ArrayList<>();
        int errors = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) api.get("paths")::fields)
            for (var operation : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields)
                for (var response : (Iterable<java.util.Map.Entry<String, JsonNode>>) operation.getValue().path("responses")::fields)
                    if (response.getKey().startsWith("4")) {
                        errors++;
                        if (!response.getValue().at("/content").has("application/problem+json"))
                            undescribed.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
        assertThat(errors).isGreaterThan(5);
        assertThat(undescribed).isEmpty();
    }
}
