package ru.journalarchive.signing.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * «Протокол проверки электронной подписи»: the verification report as the inspector prints it, in the
 * terms of Госуслуги and Контур.Крипто — verdict, signer, organisation, position, certificate,
 * signing time, whether the document was changed, whether the certificate was valid and not revoked.
 */
public final class VerificationProtocol {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private VerificationProtocol() {}

    /** The lines of the protocol: also what the text output of {@code verify} prints. */
    public static List<String> lines(VerificationReport report, String fileName, Instant checkedAt) {
        var t = new ArrayList<String>();
        t.add("Файл: " + fileName);
        t.add("Дата проверки: " + CertificateValidation.MOSCOW.format(checkedAt) + " (МСК)");
        t.add("Итог: " + report.verdict().russian().toLowerCase(java.util.Locale.ROOT));
        report.reasons().forEach(r -> t.add("  " + r));
        int n = 0;
        for (SignatureReport s : report.signatures()) {
            t.add("");
            t.add("Подпись " + ++n);
            if (s.signer() != null) {
                t.add("  Подписант: " + s.signer().commonName());
                if (s.signer().title() != null) t.add("  Должность: " + s.signer().title());
                if (s.signer().organization() != null) t.add("  Организация: " + s.signer().organization());
                if (s.signer().snils() != null) t.add("  СНИЛС: " + s.signer().snils());
                if (s.signer().inn() != null) t.add("  ИНН: " + s.signer().inn());
                if (s.signer().ogrn() != null) t.add("  ОГРН: " + s.signer().ogrn());
            }
            if (s.certificate() != null) {
                t.add("  Сертификат: " + s.certificate().serial());
                t.add("  Издатель: " + s.certificate().issuer());
                t.add("  Действителен: с " + CertificateValidation.MOSCOW.format(s.certificate().notBefore()) + " по "
                        + CertificateValidation.MOSCOW.format(s.certificate().notAfter()));
            }
            t.add("  Время подписания: " + (s.signingTime() == null ? "не указано"
                    : CertificateValidation.MOSCOW.format(s.signingTime()))
                    + (s.timestamp() == null ? " (заявлено подписантом)"
                    : " (штамп времени " + CertificateValidation.MOSCOW.format(s.timestamp()) + ")"));
            t.add("  Документ после подписания: " + (s.integrity() ? "не изменён" : "изменён или подпись повреждена"));
            t.add("  Цепочка сертификатов: " + switch (s.chain()) {
                case TRUSTED -> "доверенная";
                case UNTRUSTED -> "не доверенная";
                case NOT_CHECKED -> "не проверялась";
            });
            if (s.level() != null) t.add("  Уровень подписи: " + s.level().russian());
            if (s.retentionNote() != null) t.add("  Хранение: " + s.retentionNote());
            s.reasons().forEach(r -> t.add("  — " + r));
        }
        return t;
    }

    public static byte[] pdf(VerificationReport report, String fileName, Instant checkedAt) {
        try (var document = new PDDocument(); InputStream ttf = VerificationProtocol.class.getResourceAsStream(FONT)) {
            PDFont font = PDType0Font.load(document, ttf);
            var writer = new Writer(document, font);
            writer.line("ПРОТОКОЛ ПРОВЕРКИ ЭЛЕКТРОННОЙ ПОДПИСИ", 14);
            writer.gap(8);
            for (String line : lines(report, fileName, checkedAt)) {
                if (line.isEmpty()) writer.gap(8);
                else writer.wrapped(line, 10);
            }
            writer.close();
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the verification protocol", e);
        }
    }

    /** Writes lines down the pages, wrapping long ones and starting new pages as needed. */
    private static final class Writer {
        private final PDDocument document;
        private final PDFont font;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument document, PDFont font) throws IOException {
            this.document = document;
            this.font = font;
            page();
        }

        void line(String text, float size) throws IOException {
            if (y < MARGIN + size) page();
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(text);
            stream.endText();
            y -= size * 1.45f;
        }

        void wrapped(String text, float size) throws IOException {
            String indent = text.startsWith("  ") ? "      " : "";
            var words = text.split(" ", -1);
            var current = new StringBuilder();
            for (String word : words) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > WIDTH) {
                    line(current.toString(), size);
                    current = new StringBuilder(indent).append(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            line(current.toString(), size);
        }

        void gap(float points) {
            y -= points;
        }

        private void page() throws IOException {
            if (stream != null) stream.close();
            var page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void close() throws IOException {
            stream.close();
        }
    }
}
