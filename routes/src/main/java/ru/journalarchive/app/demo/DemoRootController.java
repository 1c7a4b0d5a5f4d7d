package ru.journalarchive.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.config.JournalArchiveProperties;

/**
 * {@code GET /api/v1/demo/root.pem}: the demo PKI's root certificate, for an inspector's offline
 * {@code verify --trust root.pem} of what the demo signed. A certificate is public; no login.
 */
@RestController
@Profile("demo")
public class DemoRootController {

    private final JournalArchiveProperties properties;

    public DemoRootController(JournalArchiveProperties properties) {
        this.properties = properties;
    }

    @GetMapping(path = "/api/v1/demo/root.pem", produces = "application/x-pem-file")
    public String root() throws IOException {
        return Files.readString(properties.demo().pkiDirectory().resolve(DemoPki.ROOT));
    }
}
