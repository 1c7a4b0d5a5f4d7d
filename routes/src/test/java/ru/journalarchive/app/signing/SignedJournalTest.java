package ru.journalarchive.app.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.engine.SignatureStampArea;
import ru.journalarchive.reports.journal.ClassJournal;
import ru.journalarchive.reports.journal.ClassJournalReport;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.Verdict;

/** A rendered journal signed by the director stays PDF/A-2b, and the mark sits in the frame left for it. */
class SignedJournalTest {

    @Test
    void aSignedJournalIsStillPdfA2bAndVerifies() throws Exception {
        var journal = journal();
        byte[] pdf = new ClassJournalReport(new ReportEngine()).render(journal, "journal/test").pdf();
        var now = Instant.now();
        var pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
        var director = pki.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
        var area = SignatureStampArea.LANDSCAPE;
        byte[] signed = new PadesBaselineB().sign(pdf, pki.credentials(director), now,
                new StampPlacement(area.x(), area.y(), area.width(), area.height()), pki.emptyCrls(now),
                "Классный журнал заверен директором");

        assertThat(pdfA2bFailures(signed)).isEmpty();
        var report = new PdfSignatureVerifier(new TrustAnchors(List.of(pki.root().certificate()), List.of(), pki.emptyCrls(now)))
                .verify(signed);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        Files.createDirectories(Path.of("target/documents"));
        Files.write(Path.of("target/documents/class-journal-signed.pdf"), signed);
    }

    static List<String> pdfA2bFailures(byte[] pdf) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        try (var parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
             var validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            return validator.validate(parser).getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct().toList();
        }
    }

    static ClassJournal journal() {
        var from = LocalDate.of(2025, 9, 1);
        var students = new ArrayList<ClassJournal.Student>();
        var lessons = new ArrayList<ClassJournal.Lesson>();
        var marks = new ArrayList<ClassJournal.Mark>();
        String[] names = {"Андреева Ульяна Олеговна", "Архипов Георгий Львович", "Белецкая Ксения Алексеевна"};
        for (int i = 0; i < names.length; i++) students.add(new ClassJournal.Student(i + 1, "s" + i, names[i], from, null));
        for (int j = 0; j < 12; j++) {
            lessons.add(new ClassJournal.Lesson(j + 1, "l" + j, from.plusDays(j), 1, "Тема " + (j + 1), "№ " + j, null,
                    "Петрова К. И.", null, true, null));
            marks.add(new ClassJournal.Mark("l" + j, "s" + (j % 3), String.valueOf(3 + j % 3), "О", BigDecimal.ONE));
        }
        return new ClassJournal("МБОУ «СОШ № 18»", "Лебедева Ирина Викторовна", "2025/26", "c-2025-5a", "5А",
                "Ларин М. А.", "math", "Математика", List.of("Петрова К. И."),
                new ClassJournal.Scope(null, "учебный год 2025/26", from, from.plusDays(30)), List.of(), students, lessons,
                marks, List.of(), List.of());
    }
}
