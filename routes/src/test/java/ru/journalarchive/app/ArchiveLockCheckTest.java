package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MakeBucketArgs;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.storage.archive.ArchiveWithoutObjectLockException;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.s3.S3Settings;

/** The service does not start on an archive bucket without object lock: it would accept documents it cannot keep. */
class ArchiveLockCheckTest {

    @Test
    void anArchiveBucketWithoutObjectLockStopsTheStart() throws Exception {
        String plain = "ja-unlocked-" + UUID.randomUUID().toString().substring(0, 8);
        try (var s3 = S3Clients.create(S3Settings.fromEnvironment()); var db = TestDatabase.create()) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(plain).build());
            assertThatThrownBy(() -> new SpringApplicationBuilder(JournalArchiveApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                            "--spring.datasource.password=" + db.password(), "--spring.main.banner-mode=off",
                            "--journal-archive.storage.archive-bucket=" + plain, "--camel.springboot.main-run-controller=false")
                    .close())
                    .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(ArchiveWithoutObjectLockException.class)
                            .hasMessageContaining(plain).hasMessageContaining("has no object lock"));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof ArchiveWithoutObjectLockException)) t = t.getCause();
        return t;
    }
}
