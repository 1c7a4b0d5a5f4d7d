package ru.journalarchive.signing.pades;

import java.io.ByteArrayOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Small plain PDFs to sign in tests. */
public final class PadesTestDocuments {

    private PadesTestDocuments() {}

    public static byte[] pdf(int pages) throws Exception {
        try (var document = new PDDocument();
             var ttf = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            var font = PDType0Font.load(document, ttf);
            for (int i = 1; i <= pages; i++) {
                var page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (var cs = new PDPageContentStream(document, page)) {
                    cs.beginText();
                    cs.setFont(font, 14);
                    cs.newLineAtOffset(60, 760);
                    cs.showText("Классный журнал, лист " + i);
                    cs.endText();
                }
            }
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
