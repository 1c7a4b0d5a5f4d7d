package ru.journalarchive.signing.pades;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The visible mark of an electronic signature after ГОСТ Р 7.0.97-2016: «Документ подписан
 * электронной подписью», the certificate's serial number, its owner and validity. Built as a one-page
 * template that PDFBox merges into the signed revision; the font (Liberation Sans, shipped with
 * PDFBox) is embedded, as PDF/A requires.
 */
final class VisibleSignatureMark {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT)
            .withZone(ZoneId.of("Europe/Moscow"));
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private VisibleSignatureMark() {}

    static List<String> lines(X509Certificate certificate) {
        return List.of("ДОКУМЕНТ ПОДПИСАН", "ЭЛЕКТРОННОЙ ПОДПИСЬЮ",
                "Сертификат: " + certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                "Владелец: " + owner(certificate),
                "Действителен: с " + DATE.format(certificate.getNotBefore().toInstant()) + " по "
                        + DATE.format(certificate.getNotAfter().toInstant()));
    }

    /** What a template depends on: the same for every document of one page format that one key signs. */
    private record Key(float width, float height, int rotation, StampPlacement at, X509Certificate certificate) {}

    /**
     * Templates made lately. Making one (loading and subsetting the font, saving a PDF) cost about a
     * third of a seal's signing time, and a run signs hundreds of documents with one key.
     */
    private static final Map<Key, byte[]> MADE = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
            return size() > 32;
        }
    });

    /**
     * The template PDF: a page of the signed page's size with the signature field and its appearance.
     * PDFBox takes only the widget's rectangle and appearance from it, so it holds no signature value.
     */
    static byte[] template(PDPage signedPage, StampPlacement at, X509Certificate certificate) throws IOException {
        var key = new Key(signedPage.getMediaBox().getWidth(), signedPage.getMediaBox().getHeight(), signedPage.getRotation(), at,
                certificate);
        byte[] made = MADE.get(key);
        if (made == null) {
            made = make(signedPage, at, certificate);
            MADE.put(key, made);
        }
        return made;
    }

    private static byte[] make(PDPage signedPage, StampPlacement at, X509Certificate certificate) throws IOException {
        try (var template = new PDDocument(); InputStream ttf = VisibleSignatureMark.class.getResourceAsStream(FONT)) {
            var page = new PDPage(signedPage.getMediaBox());
            page.setRotation(signedPage.getRotation());
            template.addPage(page);
            var form = new PDAcroForm(template);
            template.getDocumentCatalog().setAcroForm(form);
            var field = new PDSignatureField(form);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            form.getFields().add(field);
            widget.setRectangle(userSpace(signedPage, at));
            widget.setPage(page);
            widget.setPrinted(true);
            page.getAnnotations().add(widget);

            var appearanceForm = new PDFormXObject(template);
            appearanceForm.setResources(new PDResources());
            appearanceForm.setBBox(new PDRectangle(at.width(), at.height()));
            // On a rotated page (JasperReports writes landscape as rotated portrait) the mark is turned
            // back, so that it reads upright as the page is shown.
            appearanceForm.setMatrix(java.awt.geom.AffineTransform.getQuadrantRotateInstance(signedPage.getRotation() / 90));
            var appearance = new PDAppearanceDictionary();
            var stream = new PDAppearanceStream(appearanceForm.getCOSObject());
            appearance.setNormalAppearance(stream);
            widget.setAppearance(appearance);
            PDFont font = PDType0Font.load(template, ttf);
            try (var cs = new PDPageContentStream(template, stream)) {
                cs.setStrokingColor(0.12f, 0.23f, 0.54f);
                cs.setNonStrokingColor(0.12f, 0.23f, 0.54f);
                cs.setLineWidth(1.2f);
                cs.addRect(2, 2, at.width() - 4, at.height() - 4);
                cs.stroke();
                float size = 8.5f;
                float y = at.height() - 18;
                for (int i = 0; i < lines(certificate).size(); i++) {
                    String line = lines(certificate).get(i);
                    float lineSize = i < 2 ? size + 1.5f : size;
                    float width = font.getStringWidth(line) / 1000 * lineSize;
                    float fitted = width > at.width() - 14 ? lineSize * (at.width() - 14) / width : lineSize;
                    float x = i < 2 ? (at.width() - font.getStringWidth(line) / 1000 * fitted) / 2 : 8;
                    cs.beginText();
                    cs.setFont(font, fitted);
                    cs.newLineAtOffset(x, y);
                    cs.showText(line);
                    cs.endText();
                    y -= i == 1 ? 22 : 15;
                }
            }
            var out = new ByteArrayOutputStream();
            template.save(out);
            return out.toByteArray();
        }
    }

    /** The placement, given as the page is shown, in the page's own (unrotated) user space. */
    static PDRectangle userSpace(PDPage page, StampPlacement at) {
        float w = page.getMediaBox().getWidth();
        float h = page.getMediaBox().getHeight();
        return switch ((page.getRotation() % 360 + 360) % 360) {
            case 90 -> new PDRectangle(w - at.y() - at.height(), at.x(), at.height(), at.width());
            case 180 -> new PDRectangle(w - at.x() - at.width(), h - at.y() - at.height(), at.width(), at.height());
            case 270 -> new PDRectangle(at.y(), h - at.x() - at.width(), at.height(), at.width());
            default -> new PDRectangle(at.x(), at.y(), at.width(), at.height());
        };
    }

    private static String owner(X509Certificate certificate) {
        var rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return rdns.length == 0 ? certificate.getSubjectX500Principal().getName()
                : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
