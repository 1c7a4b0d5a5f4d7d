package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.testing.TableState;

/** CSV files dropped into the watched folder: accepted ones to done/, rejected ones to error/ with a report. */
class CsvDropTest extends ServiceTestBase {

    static Batch september;

    /** A small school of its own, so that the files here do not touch the demo school's counts. */
    @BeforeEach
    void smallSchool() throws Exception {
        if (september != null) return;
        registry.register("csv", "Школа для CSV");
        String token = registry.issueToken("csv", "csv-test").token();
        var data = ru.journalarchive.journal.demo.DemoSchoolGenerator.generate(
                new ru.journalarchive.journal.demo.DemoOptions(3, 40, 2025));
        for (Batch b : data.batches().subList(0, 2)) assertThat(push("csv", token, json.writeValueAsBytes(b)).statusCode()).isEqualTo(200);
        september = data.batches().get(1);
    }

    @Test
    void aGoodFileIsAppliedAndMovedToDone() throws Exception {
        Batch.Mark m = september.marks().get(0);
        String csv = "id;lessonId;studentId;value;workType;weight;enteredAt\n"
                + "csv-m1;" + m.lessonId() + ";" + m.studentId() + ";5;О;;2025-09-20T15:00:00+03:00\n"
                + "csv-m2;" + m.lessonId() + ";" + m.studentId() + ";4;К;2;2025-09-20T15:01:00+03:00\n";
        drop("marks-good.csv", csv);
        Path done = DROP.resolve("done/csv/marks-good.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done));
        assertThat(jdbc.queryForList("SELECT value FROM mark WHERE source_id IN ('csv-m1', 'csv-m2') ORDER BY source_id",
                String.class)).containsExactly("5", "4");
        assertThat(jdbc.queryForObject("SELECT weight FROM mark WHERE source_id = 'csv-m2'", java.math.BigDecimal.class))
                .isEqualByComparingTo("2");
        assertThat(jdbc.queryForObject("SELECT channel FROM ingest_batch WHERE batch_id LIKE 'csv:marks-good.csv:%'",
                String.class)).isEqualTo("CSV");
    }

    @Test
    void aBadFileIsMovedToErrorWithAReportNamingEachBadRow() throws Exception {
        Batch.Attendance a = september.attendance().get(0);
        String csv = "id,lessonId,studentId,code,enteredAt\n"
                + "csv-a1," + a.lessonId() + "," + a.studentId() + ",н,2025-09-20T15:00:00+03:00\n"
                + "csv-a2," + a.lessonId() + ",nobody,н,2025-09-20T15:00:00+03:00\n"
                + "csv-a3,no-lesson," + a.studentId() + ",б,2025-09-20T15:00:00+03:00\n"
                + "csv-a4," + a.lessonId() + "," + a.studentId() + ",z,2025-09-20T15:00:00+03:00\n";
        TableState before = TableState.of(jdbc);
        drop("attendance-bad.csv", csv);
        Path report = DROP.resolve("error/csv/attendance-bad.csv.report.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(DROP.resolve("error/csv/attendance-bad.csv"))
                && Files.exists(report));
        String text = Files.readString(report);
        assertThat(text).contains("Строка 3, поле studentId: Ученик с идентификатором «nobody» не найден")
                .contains("Строка 4, поле lessonId: Урок с идентификатором «no-lesson» не найден")
                .contains("Строка 5, поле code: Код посещаемости «z» не входит в принятые в школе")
                .doesNotContain("Строка 2");
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aFileWithAnUnreadableValueIsRejectedWholeWithItsRow() throws Exception {
        String csv = "id,lastName,firstName,birthDate\ncsv-s1,Петров,Пётр,2015-03-01\ncsv-s2,Сидорова,Анна,01.02.2014\n";
        TableState before = TableState.of(jdbc);
        drop("students-dates.csv", csv);
        Path report = DROP.resolve("error/csv/students-dates.csv.report.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(report));
        assertThat(Files.readString(report)).contains("Строка 3, поле birthDate");
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    private static void drop(String name, String content) throws Exception {
        Path dir = DROP.resolve("inbox/csv");
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(DROP, "upload", ".part");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name));
    }
}
