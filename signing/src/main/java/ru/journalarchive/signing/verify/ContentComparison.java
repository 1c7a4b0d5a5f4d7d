package ru.journalarchive.signing.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;

/**
 * Whether a later revision of a PDF shows something else than the signed one: the number of pages,
 * each page's content streams, and its annotations other than form widgets (a signature adds one).
 */
final class ContentComparison {

    private ContentComparison() {}

    /** What differs, in Russian, or null when the pages are the same. */
    static String difference(byte[] signedRevision, byte[] whole) throws IOException {
        try (PDDocument before = Loader.loadPDF(signedRevision); PDDocument after = Loader.loadPDF(whole)) {
            if (before.getNumberOfPages() != after.getNumberOfPages())
                return "изменилось число страниц (" + before.getNumberOfPages() + " → " + after.getNumberOfPages() + ")";
            for (int i = 0; i < before.getNumberOfPages(); i++) {
                PDPage a = before.getPage(i);
                PDPage b = after.getPage(i);
                if (!Arrays.equals(contents(a), contents(b))) return "изменено содержимое страницы " + (i + 1);
                if (!annotations(a).equals(annotations(b))) return "на странице " + (i + 1) + " изменены примечания";
            }
            return null;
        }
    }

    private static byte[] contents(PDPage page) throws IOException {
        try (InputStream in = page.getContents()) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }

    private static List<String> annotations(PDPage page) throws IOException {
        var result = new ArrayList<String>();
        for (PDAnnotation a : page.getAnnotations()) {
            if (a instanceof PDAnnotationWidget) continue;
            result.add(a.getSubtype() + " " + a.getRectangle() + " " + a.getContents());
        }
        return result;
    }
}
