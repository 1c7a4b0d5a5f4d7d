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
 * everything each page draws (its content streams and the whole graph of its resources: fonts,
 * images, forms), and its annotations other than form widgets (a signature adds one).
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
                if (!Arrays.equals(contents(a), contents(b)) || !Arrays.equals(drawn(a), drawn(b)))
                    return "изменено содержимое страницы " + (i + 1);
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

    /** A digest of the page's object graph without its annotations and its parent: what the page draws. */
    private static byte[] drawn(PDPage page) throws IOException {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            feed(page.getCOSObject(), digest, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void feed(org.apache.pdfbox.cos.COSBase object, java.security.MessageDigest digest,
                             java.util.Set<Object> seen) throws IOException {
        var base = object instanceof org.apache.pdfbox.cos.COSObject o ? o.getObject() : object;
        if (base == null) {
            digest.update((byte) 'n');
            return;
        }
        if (!seen.add(base)) {
            digest.update((byte) 'r');
            return;
        }
        if (base instanceof org.apache.pdfbox.cos.COSStream stream) {
            try (InputStream in = stream.createRawInputStream()) {
                digest.update(in.readAllBytes());
            }
        }
        if (base instanceof org.apache.pdfbox.cos.COSDictionary dictionary) {
            var keys = new ArrayList<>(dictionary.keySet());
            keys.sort(java.util.Comparator.comparing(org.apache.pdfbox.cos.COSName::getName));
            for (var key : keys) {
                if (key.equals(org.apache.pdfbox.cos.COSName.ANNOTS) || key.equals(org.apache.pdfbox.cos.COSName.PARENT)) continue;
                digest.update(key.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                feed(dictionary.getItem(key), digest, seen);
            }
        } else if (base instanceof org.apache.pdfbox.cos.COSArray array) {
            for (var item : array) feed(item, digest, seen);
        } else {
            digest.update(base.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
