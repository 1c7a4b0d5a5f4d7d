package ru.journalarchive.reports.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import net.sf.jasperreports.pdf.type.PdfaConformanceEnum;

/**
 * Compiles each template once and renders documents: fill, export to PDF/A-2b with an sRGB output
 * intent, remove the CIDSet (see {@link PdfA2bFinisher}), and keep the JSON twin of the data.
 * Thread-safe; one instance serves the whole application.
 */
public final class ReportEngine {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru-RU");
    static final String ICC_PROFILE = "ru/journalarchive/reports/icc/sRGB.icc";

    private final JasperReportsContext context = DefaultJasperReportsContext.getInstance();
    private final Map<ReportTemplate, JasperReport> compiled = new EnumMap<>(ReportTemplate.class);
    /**
     * Compact: indented, the demo school's year-end twins were 40 % larger (190 kB against 135 kB on
     * average), and every byte is stored twice, read back and hashed with Streebog; {@code jq .} prints
     * one for a reader.
     */
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** Compiles every template now, so that the first document does not pay for it (~1 s each). */
    public ReportEngine warmUp() {
        for (ReportTemplate t : ReportTemplate.values()) template(t);
        return this;
    }

    public synchronized JasperReport template(ReportTemplate template) {
        return compiled.computeIfAbsent(template, t -> {
            try (InputStream jrxml = getClass().getClassLoader().getResourceAsStream(t.resource())) {
                if (jrxml == null) throw new IllegalStateException("template missing: " + t.resource());
                return JasperCompileManager.getInstance(context).compile(jrxml);
            } catch (IOException | JRException e) {
                throw new IllegalStateException("cannot compile template " + t, e);
            }
        });
    }

    /**
     * Renders one document. {@code twin} is the read model the data source was made from; its JSON
     * is the machine-readable twin and its SHA-256 is printed in the footer.
     */
    public RenderedDocument render(ReportTemplate template, DocumentIdentity identity, Object twin,
                                   Map<String, Object> parameters, JRDataSource rows) {
        byte[] data = json(twin);
        String sha256 = sha256(data);
        JasperPrint print = fill(template, identity, sha256, parameters, rows);
        byte[] pdf = PdfA2bFinisher.finish(export(print, identity));
        return new RenderedDocument(identity, pdf, data, sha256, print.getPages().size());
    }

    /** Fill only, without our bookkeeping: also the baseline of the render benchmark. */
    public JasperPrint fill(ReportTemplate template, DocumentIdentity identity, String dataSha256,
                            Map<String, Object> parameters, JRDataSource rows) {
        var values = new HashMap<String, Object>(parameters);
        values.put("DOCUMENT_ID", identity.documentId());
        values.put("DOCUMENT_TITLE", identity.title());
        values.put("SCHOOL_NAME", identity.schoolName());
        values.put("DATA_SHA256", dataSha256);
        values.put(JRParameter.REPORT_LOCALE, RUSSIAN);
        values.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone("Europe/Moscow"));
        try {
            return JasperFillManager.getInstance(context).fill(template(template), values, rows);
        } catch (JRException e) {
            throw new IllegalStateException("cannot fill " + template + " for " + identity.documentId(), e);
        }
    }

    public byte[] export(JasperPrint print, DocumentIdentity identity) {
        var exporter = new JRPdfExporter(context);
        exporter.setExporterInput(new SimpleExporterInput(print));
        var out = new ByteArrayOutputStream(256 * 1024);
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        var config = new SimplePdfExporterConfiguration();
        config.setPdfaConformance(PdfaConformanceEnum.PDFA_2B);
        config.setIccProfilePath(ICC_PROFILE);
        config.setEmbedIccProfile(true);
        config.setMetadataTitle(identity.title());
        config.setMetadataAuthor(identity.schoolName());
        config.setMetadataSubject(identity.documentId());
        config.setMetadataCreator("Журнал-Архив");
        exporter.setConfiguration(config);
        try {
            exporter.exportReport();
        } catch (JRException e) {
            throw new IllegalStateException("cannot export " + identity.documentId() + " to PDF", e);
        }
        return out.toByteArray();
    }

    /** The SHA-256 a rendering of this twin would carry: compared before signing to catch data changed since. */
    public String dataSha256(Object twin) {
        return sha256(json(twin));
    }

    public byte[] json(Object twin) {
        try {
            return json.writeValueAsBytes(twin);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the JSON twin", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
