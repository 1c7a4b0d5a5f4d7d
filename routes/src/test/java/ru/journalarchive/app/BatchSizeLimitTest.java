package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import ru.journalarchive.journal.testing.TableState;

@TestPropertySource(properties = "journal-archive.ingest.max-batch-size=1MB")
class BatchSizeLimitTest extends ServiceTestBase {

    @Test
    void aBodyOverTheLimitIs413AndWritesNothing() throws Exception {
        registry.register("limits", "Школа с лимитом");
        String token = registry.issueToken("limits", "system").token();
        byte[] padding = new byte[1_500_000];
        Arrays.fill(padding, (byte) ' ');
        byte[] body = ("{\"batchId\": \"big\", \"teachers\": []" + new String(padding) + "}").getBytes();
        TableState before = TableState.of(jdbc);
        var response = push("limits", token, body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).get("title").asText()).isEqualTo("Пакет слишком большой");
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }
}
