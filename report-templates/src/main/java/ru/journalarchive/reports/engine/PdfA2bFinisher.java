package ru.journalarchive.reports.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDCIDFont;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * JasperReports 7.0.6 (OpenPDF) writes an incomplete CIDSet for subset fonts, which breaks PDF/A-2b
 * rule 6.2.11.4.2-2 (STACK.md). The CIDSet is optional in PDF/A-2, so it is removed, in an
 * incremental update: only the changed font descriptors are written again, which costs a fraction
 * of a full rewrite (PDF/A allows incremental updates; signing appends one more).
 */
final class PdfA2bFinisher {

    private PdfA2bFinisher() {}

    static byte[] finish(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            boolean changed = false;
            for (PDPage page : document.getPages()) {
                var resources = page.getResources();
                if (resources == null) continue;
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    if (font instanceof PDType0Font type0) changed |= removeCidSet(type0.getDescendantFont());
                }
            }
            if (!changed) return pdf;
            var out = new ByteArrayOutputStream(pdf.length + 4096);
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot post-process the exported PDF", e);
        }
    }

    private static boolean removeCidSet(PDCIDFont font) {
        var descriptor = font.getFontDescriptor();
        if (descriptor == null || !descriptor.getCOSObject().containsKey(COSName.CID_SET)) return false;
        descriptor.getCOSObject().removeItem(COSName.CID_SET);
        descriptor.getCOSObject().setNeedToBeUpdated(true);
        return true;
    }
}
