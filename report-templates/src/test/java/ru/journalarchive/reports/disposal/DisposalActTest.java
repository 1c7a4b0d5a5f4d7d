package ru.journalarchive.reports.disposal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.testing.DemoSchool;
import ru.journalarchive.reports.testing.PdfTools;

class DisposalActTest {

    @Test
    void theActListsEveryDocumentWithItsRetentionAndCountsThemInWords() {
        var items = new ArrayList<DisposalAct.Item>();
        for (int i = 1; i <= 62; i++)
            items.add(new DisposalAct.Item("journal-2020-year-c-2020-%da-math".formatted(i % 11 + 1),
                    "Журнал " + (i % 11 + 1) + "А класса, математика, 2020/21 учебный год", "2020/21", LocalDate.of(2026, 1, 1)));
        var act = new DisposalAct(17, LocalDate.of(2026, 11, 22), "Управление образования города N", "archivist:petrova", items);
        var doc = new DisposalActRenderer(DemoSchool.get().engine).render(act);
        DemoSchool.get().keep("disposal-act", doc);
        String text = PdfTools.text(doc.pdf()).replaceAll("\\s+", " ");

        assertThat(text).contains("АКТ № 17 от 22.11.2026", "о выделении к уничтожению документов, не подлежащих хранению",
                "Итого: 62 (шестьдесят два) документа.", "Акт составил: archivist:petrova");
        assertThat(text.split("до 01\\.01\\.2026", -1)).hasSize(63);
        assertThat(doc.pages()).isGreaterThan(1);
        assertThat(text).contains("Лист 1 из " + doc.pages());
        assertThat(text.split("Заголовок документа", -1)).as("the column header on every sheet").hasSize(doc.pages() + 1);
        assertThat(PdfTools.pdfA2bFailures(doc.pdf())).isEmpty();
    }
}
