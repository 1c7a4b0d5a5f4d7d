package ru.journalarchive.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import ru.journalarchive.app.config.JournalArchiveProperties;

/**
 * {@code GET /api/v1/demo/root.pem}: the demo PKI's root certificate, for an inspector's offline
 * {@code verify --trust root.pem} of what the demo signed. A certificate is public; no login.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Тестовые службы")
@RestController
@Profile("demo")
public class DemoRootController {

    private final JournalArchiveProperties properties;

    public DemoRootController(JournalArchiveProperties properties) {
        this.properties = properties;
    }

    @GetMapping(path = "/api/v1/demo/root.pem", produces = "application/x-pem-file")
    public String root() throws IOException {
        var root = properties.demo().pkiDirectory().resolve(DemoPki.ROOT);
        // The operator configured keys of their own: there is no demo root to hand out.
        if (!Files.exists(root)) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "В этой установке нет демонстрационного корневого сертификата");
        return Files.readString(root);
    }
}
